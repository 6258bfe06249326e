import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { HELPER_IMAGE, helperArch, helperArchive, helperBusybox, isHelperName } from './helper-image';
import { readTar } from './tar';

const entries = async (tar: Buffer) => {
  const found: Record<string, Buffer | string> = {};
  await readTar(
    Readable.from([tar]),
    (h, data) => {
      found[h.path] = h.type === 'symlink' ? `-> ${h.linkTarget ?? ''}` : (data ?? Buffer.alloc(0));
      return true;
    },
    () => true,
  );
  return found;
};

describe("Wharf's helper image", () => {
  it('is the same bytes, and so the same ID, every time; its ID is the sha256 of its config', async () => {
    const a = helperArchive('amd64', Buffer.from('not really busybox'));
    const b = helperArchive('amd64', Buffer.from('not really busybox'));
    expect(a.tar.equals(b.tar)).toBe(true);
    expect(a.id).toBe(b.id);
    expect(helperArchive('arm64', Buffer.from('not really busybox')).id).not.toBe(a.id);
    expect(helperArchive('amd64', Buffer.from('other bytes')).id).not.toBe(a.id);
    const files = await entries(a.tar);
    const manifest = JSON.parse(String(files['manifest.json'])) as Array<{ Config: string; RepoTags: string[] }>;
    expect(manifest[0]!.RepoTags).toEqual([HELPER_IMAGE]);
    expect(
      `sha256:${createHash('sha256')
        .update(files[manifest[0]!.Config] as Buffer)
        .digest('hex')}`,
    ).toBe(a.id);
    const config = JSON.parse(String(files[manifest[0]!.Config])) as { architecture: string; created: string };
    expect(config).toMatchObject({ architecture: 'amd64', created: '2025-01-01T00:00:00.000Z' });
    const layer = await entries(files[Object.keys(files).find((n) => n.endsWith('/layer.tar'))!] as Buffer);
    expect(String(layer['bin/busybox'])).toBe('not really busybox');
    for (const applet of ['sh', 'tar', 'find', 'stat', 'realpath', 'sha256sum', 'cat', 'sleep', 'cp'])
      expect(layer[`bin/${applet}`]).toBe('-> busybox');
  });

  it('is named wharf-helper:<busybox version>-r<revision>, a valid tag', () => {
    expect(HELPER_IMAGE).toMatch(/^wharf-helper:[\w][\w.-]{0,127}$/);
    expect(HELPER_IMAGE).toMatch(/-r\d+$/);
    expect(isHelperName(HELPER_IMAGE)).toBe(true);
    expect(isHelperName(`localhost/${HELPER_IMAGE}`)).toBe(true);
    expect(isHelperName('busybox:latest')).toBe(false);
    expect(isHelperName(`evil.example/${HELPER_IMAGE}`)).toBe(false);
  });

  it("maps the engine's architecture; others have no helper", () => {
    expect(helperArch('amd64')).toBe('amd64');
    expect(helperArch('x86_64')).toBe('amd64');
    expect(helperArch('aarch64')).toBe('arm64');
    expect(helperArch('s390x')).toBeUndefined();
  });

  it('refuses a busybox whose sha256 is not the pinned one, and says plainly when none is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-helper-bin-'));
    try {
      await expect(helperBusybox('amd64', [dir])).rejects.toThrow(/helper is missing.*no amd64\/busybox/);
      mkdirSync(join(dir, 'amd64'));
      writeFileSync(join(dir, 'amd64', 'busybox'), 'planted');
      const error = await helperBusybox('amd64', [dir]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/sha256 differs/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
