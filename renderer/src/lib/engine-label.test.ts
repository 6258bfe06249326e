import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { EngineSource } from '../../../runtime/domains/engine/types';
import { resources } from '../i18n/resources';
import { engineLabel } from './engine-label';

async function tFor(lng: 'en' | 'ko') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng, interpolation: { escapeValue: false } });
  return (k: string, p?: Record<string, string>) => i18n.t(k, p);
}

// The labels the runtime's discovery writes (runtime/engine/discovery.ts, manager.ts).
const RUNTIME_LABELS: [EngineSource, string][] = [
  ['settings', 'Chosen in Settings'],
  ['command-line', 'Given on the command line'],
  ['env', 'DOCKER_HOST'],
  ['context', "docker context 'colima'"],
  ['well-known', 'Docker'],
  ['well-known', 'Docker (rootless)'],
  ['well-known', 'Docker Desktop'],
  ['well-known', 'Podman'],
  ['well-known', 'Podman (rootless)'],
  ['well-known', 'Podman machine'],
  ['well-known', "Podman machine 'podman-machine-default'"],
  ['embedded', "Wharf's own engine (Docker)"],
  ['embedded', "Wharf's own engine (Podman)"],
];

describe('engineLabel', () => {
  it('reads in English as the runtime wrote it', async () => {
    const t = await tFor('en');
    for (const [source, label] of RUNTIME_LABELS) expect(engineLabel({ source, label }, t)).toBe(label);
  });

  it('has no English words left in Korean', async () => {
    const t = await tFor('ko');
    const shown = RUNTIME_LABELS.map(([source, label]) => engineLabel({ source, label }, t));
    for (const s of shown) {
      // Product names (Docker Desktop too), DOCKER_HOST and the context name stay; ordinary English words do not.
      expect(
        s.replace(/Docker Desktop|Docker|Podman|DOCKER_HOST|Wharf|docker|colima|podman-machine-default/g, ''),
      ).not.toMatch(/[A-Za-z]{3,}/);
    }
    expect(engineLabel({ source: 'command-line', label: 'Given on the command line' }, t)).toBe('명령줄에서 지정');
    expect(engineLabel({ source: 'context', label: "docker context 'colima'" }, t)).toBe("docker 컨텍스트 'colima'");
  });

  it('keeps a label it does not know', async () => {
    const t = await tFor('ko');
    expect(engineLabel({ source: 'well-known', label: 'OrbStack' }, t)).toBe('OrbStack');
  });
});
