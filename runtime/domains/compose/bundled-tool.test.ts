// The desktop app's own compose binary (<resources>/compose/docker-compose):
// found before anything on PATH. A small script stands in for the binary; it
// answers `version --short` as compose v2 does.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverTools, locateTool, preferredTools } from './tool';

const dir = mkdtempSync(join(tmpdir(), 'wharf-bundled-compose-'));
const bundled = join(dir, 'docker-compose');
writeFileSync(bundled, '#!/bin/sh\nif [ "$1 $2" = "version --short" ]; then echo 2.99.1; exit 0; fi\nexit 1\n');
chmodSync(bundled, 0o755);
const notExecutable = join(dir, 'not-executable');
writeFileSync(notExecutable, '#!/bin/sh\necho 2.99.1\n');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled compose binary', () => {
  it('comes first, with Docker and with Podman', () => {
    expect(preferredTools('docker', true)).toEqual(['docker-compose', 'compose-plugin', 'podman-compose']);
    expect(preferredTools('podman', true)).toEqual(['docker-compose', 'podman-compose', 'compose-plugin']);
  });

  it('is the docker-compose Wharf runs when the app carries one', () => {
    expect(locateTool('docker-compose', bundled)).toBe(bundled);
    expect(locateTool('docker-compose', join(dir, 'absent'))).not.toBe(join(dir, 'absent'));
    expect(locateTool('docker-compose', notExecutable)).not.toBe(notExecutable);
  });

  it('is picked by discovery over the tools on PATH', async () => {
    for (const engine of ['docker', 'podman'] as const) {
      const status = await discoverTools(engine, dir, bundled);
      expect(status.tool).toEqual({
        kind: 'docker-compose',
        command: 'docker-compose',
        version: '2.99.1',
        path: bundled,
      });
      expect(status.candidates[0]).toEqual({
        kind: 'docker-compose',
        command: 'docker-compose',
        found: true,
        version: '2.99.1',
      });
    }
  });

  it('is skipped when it is missing, and discovery looks on PATH as before', async () => {
    const status = await discoverTools('docker', dir, join(dir, 'absent'));
    expect(status.candidates.map((c) => c.kind)).toEqual(preferredTools('docker'));
    expect(status.tool?.path).not.toBe(join(dir, 'absent'));
  });
});
