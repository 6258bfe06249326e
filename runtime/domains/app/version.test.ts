import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOwnVersion } from './version';

const root = mkdtempSync(join(tmpdir(), 'wharf-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findOwnVersion', () => {
  it('reads Wharf’s package.json above the running bundle', () => {
    expect(findOwnVersion(join(import.meta.dirname))).toMatch(/^\d+\.\d+\.\d+/);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'wharf', version: '3.1.4' }));
    mkdirSync(join(root, 'dist', 'electron'), { recursive: true });
    expect(findOwnVersion(join(root, 'dist', 'electron'))).toBe('3.1.4');
  });

  it('passes over another package’s manifest on the way up', () => {
    const nested = join(root, 'node_modules', 'other');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(nested, 'package.json'), JSON.stringify({ name: 'other', version: '9.9.9' }));
    expect(findOwnVersion(nested)).toBe('3.1.4');
  });
});
