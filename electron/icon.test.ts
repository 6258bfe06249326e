import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { windowIcon } from './icon';

const root = join(import.meta.dirname, '..');
const packaged = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { files: string[] } }).build
  .files;

describe('the window icon', () => {
  it('is assets/icon.png, found from the bundled main process (dist/electron) on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const icon = windowIcon(join(root, 'dist', 'electron'), platform);
      expect(icon).toBe(join(root, 'assets', 'icon.png'));
      expect(existsSync(icon!)).toBe(true);
    }
  });

  it('is packed into the app at that same place', () => {
    expect(packaged).toContain('dist/**/*');
    expect(packaged).toContain('assets/icon.png');
  });

  it('is left to the app bundle on macOS', () => {
    expect(windowIcon(join(root, 'dist', 'electron'), 'darwin')).toBeUndefined();
  });
});
