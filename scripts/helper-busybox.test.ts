import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PINS, debianMirror, describeProblems, ensureHelperBusybox } from './helper-busybox.mjs';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-helper-build-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the helper busybox at build time', () => {
  it('pins a version, and a .deb and a binary hash for amd64 and arm64', () => {
    expect(PINS.package).toBe('busybox-static');
    expect(Object.keys(PINS.arches).sort()).toEqual(['amd64', 'arm64']);
    for (const pin of Object.values(PINS.arches)) {
      expect(pin.debSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(pin.busyboxSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(PINS.applets).toEqual(
      expect.arrayContaining(['sh', 'tar', 'find', 'stat', 'realpath', 'sha256sum', 'cat', 'sleep', 'cp']),
    );
  });

  it('refuses a .deb that is not the pinned one, and says what is missing', async () => {
    const debs = temp();
    for (const pin of Object.values(PINS.arches)) writeFileSync(join(debs, basename(pin.deb)), 'not the package');
    const problems = await ensureHelperBusybox({
      out: temp(),
      env: { XDG_CACHE_HOME: temp(), WHARF_HELPER_DEBS: debs },
    });
    expect(problems).toHaveLength(2);
    for (const p of problems) expect(p).toMatch(/is not the pinned .*sha256 differs/);
    expect(describeProblems(problems)).toMatch(/could not be put in dist\/helper[\s\S]*Volume browsing/);
  });

  it('says so when the mirror cannot be reached', async () => {
    const problems = await ensureHelperBusybox({
      out: temp(),
      env: { XDG_CACHE_HOME: temp(), WHARF_HELPER_MIRROR: 'http://127.0.0.1:9/debian' },
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['amd64', 'arm64']);
    for (const p of problems)
      expect(p).toMatch(/could not download http:\/\/127\.0\.0\.1:9\/debian\/pool\/main\/b\/busybox\//);
  });

  it('takes the mirror from the environment first', () => {
    expect(debianMirror({ WHARF_HELPER_MIRROR: 'http://mirror.test/debian/' })).toBe('http://mirror.test/debian');
  });
});
