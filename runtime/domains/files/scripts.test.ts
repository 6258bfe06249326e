// The scripts' path resolution with ROOT_LINKS (a mounted container's
// filesystem), run by busybox's sh as in a helper, on a folder made here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, scriptArgv } from './scripts';

const busybox = (() => {
  try {
    execFileSync('busybox', ['true']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!busybox)('scripts on a mounted container filesystem (busybox sh)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-scripts-'));
  const root = join(dir, 'c');
  mkdirSync(join(root, 'srv'), { recursive: true });
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(dir, 'etc'));
  writeFileSync(join(root, 'etc', 'f'), 'inside\n');
  writeFileSync(join(dir, 'etc', 'f'), 'outside\n');
  symlinkSync('/etc/f', join(root, 'srv', 'abs'));
  symlinkSync('../../../../../..', join(root, 'srv', 'up'));
  symlinkSync('../etc', join(root, 'srv', 'rel'));
  symlinkSync('loop', join(root, 'srv', 'loop'));
  // A name ending in a newline beside the same name without it, and a link so named.
  writeFileSync(join(root, 'srv', 'x'), 'sibling');
  writeFileSync(join(root, 'srv', 'x\n'), 'itself');
  symlinkSync('/etc\n', join(root, 'srv', 'nl\n'));
  mkdirSync(join(root, 'etc\n'));
  writeFileSync(join(root, 'etc\n', 'f'), 'newline etc\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (script: 'cat' | 'statOne', path: string, rootLinks: boolean) => {
    const [, ...rest] = scriptArgv(script, root, [`${root}${path}`], rootLinks);
    try {
      return {
        code: 0,
        out: execFileSync('busybox', ['sh', ...rest], { stdio: ['ignore', 'pipe', 'ignore'] }).toString(),
      };
    } catch (error) {
      return { code: (error as { status: number }).status, out: '' };
    }
  };

  it('follows an absolute link from the container root, and ".." stops there', () => {
    expect(run('cat', '/srv/abs', true)).toEqual({ code: 0, out: 'inside\n' });
    expect(run('cat', '/srv/up/etc/f', true)).toEqual({ code: 0, out: 'inside\n' });
    expect(run('cat', '/srv/rel/f', true)).toEqual({ code: 0, out: 'inside\n' });
    expect(run('cat', '/srv/loop', true).code).toBe(EXIT.notFound);
  });

  it('a name or a link target ending in a newline is resolved as itself, not as the name without it', () => {
    for (const rootLinks of [true, false]) {
      expect(run('cat', '/srv/x\n', rootLinks)).toEqual({ code: 0, out: 'itself' });
      expect(run('cat', '/srv/x', rootLinks)).toEqual({ code: 0, out: 'sibling' });
    }
    expect(run('cat', '/srv/nl\n/f', true)).toEqual({ code: 0, out: 'newline etc\n' });
    expect(run('statOne', '/srv/nl\n', true).out).toMatch(/^a1ff \d+ \d+ \d+ \d+\n\/etc\n$/);
    // Without ROOT_LINKS the same link leads to the machine's /etc<newline>, outside: refused.
    expect(run('cat', '/srv/nl\n/f', false).code).not.toBe(0);
  });

  it('without ROOT_LINKS (a volume), the same links lead outside and are refused', () => {
    expect(run('cat', '/srv/abs', false).code).not.toBe(0);
    expect(run('cat', '/srv/up/etc/f', false).code).toBe(EXIT.escape);
    expect(run('cat', '/srv/rel/f', false)).toEqual({ code: 0, out: 'inside\n' });
  });
});
