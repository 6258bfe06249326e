import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { ComposeProjectSummary } from '../../../../runtime/domains/compose/types';
import type { ImageSummary } from '../../../../runtime/domains/images/types';
import en from '../../i18n/locales/en/palette.json';
import { fuzzyRank } from './fuzzy';
import { paletteEntries, searchText, type PaletteSources } from './entries';

// Labels read as their key and parameters, so the tests see what is asked for.
const t = (key: string, params?: Record<string, unknown>) =>
  params ? `${key} ${Object.values(params).join(' ')}` : key;

const container = (
  name: string,
  state: ContainerSummary['state'],
  id = `${name}0123456789abcdef`,
): ContainerSummary => ({
  id,
  name,
  image: 'busybox:latest',
  imageId: 'sha256:1',
  command: 'sh',
  state,
  status: '',
  created: 0,
  ports: [],
  labels: {},
  mounts: [],
});

const image: ImageSummary = {
  id: `sha256:${'a'.repeat(64)}`,
  repoTags: ['busybox:latest', 'busybox:1'],
  repoDigests: [],
  size: 1,
  created: 0,
  containers: 0,
  dangling: false,
} as unknown as ImageSummary;

const project: ComposeProjectSummary = {
  name: 'shop',
  state: 'running',
  containers: { total: 2, running: 2 },
  services: ['web', 'db'],
  configFiles: ['/home/me/shop/compose.yaml'],
  filesReachable: true,
};

const sources = (over: Partial<PaletteSources> = {}): PaletteSources => ({
  t,
  pages: [
    { route: 'containers', label: 'Containers' },
    { route: 'images', label: 'Images' },
  ],
  containers: [container('web', 'running'), container('db', 'exited')],
  images: [image],
  volumes: [{ name: 'data', driver: 'local', mountpoint: '/x', labels: {} } as never],
  networks: [
    { id: 'n1', name: 'bridge', driver: 'bridge', scope: 'local', builtIn: true } as never,
    { id: 'n2', name: 'backend', driver: 'bridge', scope: 'local', builtIn: false } as never,
  ],
  projects: [project],
  composeTool: 'compose-plugin',
  focus: new Set(),
  ...over,
});

const byId = (entries: ReturnType<typeof paletteEntries>) => new Map(entries.map((e) => [e.id, e]));

describe('paletteEntries', () => {
  it('offers every page, in the sidebar order, and the shortcuts list', () => {
    const entries = paletteEntries(sources());
    expect(entries.filter((e) => e.group === 'pages').map((e) => e.run)).toEqual([
      { kind: 'navigate', href: '#/containers' },
      { kind: 'navigate', href: '#/images' },
    ]);
    expect(byId(entries).get('app:shortcuts')?.run).toEqual({ kind: 'shortcuts' });
  });

  it('offers a container only the actions its state allows, each with its docker command', () => {
    const entries = byId(paletteEntries(sources()));
    const web = [...entries.keys()].filter((id) => id.startsWith('container:web'));
    expect(web.map((id) => id.split(':')[2])).toEqual(['open', 'stop', 'restart', 'pause', 'remove', 'logs']);
    expect(entries.get(`container:web0123456789abcdef:stop`)?.command).toBe('docker stop web');
    expect(entries.get(`container:web0123456789abcdef:remove`)).toMatchObject({
      command: 'docker rm web',
      danger: true,
    });
    expect(entries.get(`container:web0123456789abcdef:logs`)?.command).toBe('docker logs -f web');
    expect(entries.get(`container:db0123456789abcdef:start`)?.command).toBe('docker start db');
    expect(entries.has(`container:db0123456789abcdef:stop`)).toBe(false);
  });

  it('names an image by its names in its commands', () => {
    const entries = byId(paletteEntries(sources()));
    expect(entries.get(`image:${image.id}:remove`)?.command).toBe('docker rmi busybox:latest busybox:1');
    expect(entries.get(`image:${image.id}:run`)).toMatchObject({
      command: 'docker run -d busybox:latest',
      run: { kind: 'navigate', href: '#/run/busybox%3Alatest' },
    });
  });

  it('does not offer to remove the engine’s own networks', () => {
    const entries = byId(paletteEntries(sources()));
    expect(entries.has('network:n1:open')).toBe(true);
    expect(entries.has('network:n1:remove')).toBe(false);
    expect(entries.get('network:n2:remove')?.command).toBe('docker network rm backend');
    expect(entries.get('volume:data:remove')?.command).toBe('docker volume rm data');
  });

  it('offers a compose project the actions its containers allow, with the tool’s command', () => {
    const entries = byId(paletteEntries(sources()));
    expect(entries.get('compose:shop:open')?.command).toBe('docker compose -p shop -f /home/me/shop/compose.yaml ps');
    expect(entries.has('compose:shop:start')).toBe(false);
    expect(entries.get('compose:shop:stop')?.command).toBe('docker compose -p shop -f /home/me/shop/compose.yaml stop');
    expect(entries.get('compose:shop:down')).toMatchObject({ danger: true });
  });

  it('lists the focused object’s entries first', () => {
    const entries = paletteEntries(sources({ focus: new Set(['db0123456789abcdef']) }));
    expect(entries[0]?.id).toBe('container:db0123456789abcdef:open');
    expect(entries.slice(0, 4).every((e) => e.focused === true)).toBe(true);
  });

  it('lists a container’s page first when only its name is typed (with the English labels)', () => {
    const english = (key: string, params?: Record<string, unknown>) => {
      const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en);
      return String(text).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params?.[name]));
    };
    const ranked = fuzzyRank(paletteEntries(sources({ t: english })), 'web', searchText);
    expect(ranked[0]?.item.label).toBe('Open container web');
    expect(ranked[0]?.item.id).toBe('container:web0123456789abcdef:open');
  });

  it('is found by its docker command, whatever the labels’ language', () => {
    const korean = (key: string, params?: Record<string, unknown>) =>
      `컨테이너 ${String(params?.name ?? '')} ${key.length}`;
    const ranked = fuzzyRank(paletteEntries(sources({ t: korean })), 'rm web', searchText);
    expect(ranked[0]?.item.id).toBe('container:web0123456789abcdef:remove');
  });

  it('is found by a fuzzy query naming the action and the object', () => {
    const entries = paletteEntries(sources());
    const ranked = fuzzyRank(entries, 'stp web', searchText);
    expect(ranked[0]?.item.id).toBe('container:web0123456789abcdef:stop');
    // By the short id too.
    expect(fuzzyRank(entries, 'db012345', searchText).map((r) => r.item.id)).toContain(
      'container:db0123456789abcdef:open',
    );
  });
});
