// The packaging configuration (package.json "build"), checked against
// electron-builder's own JSON schema and for what every release must carry.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface FileSet {
  from: string;
  to: string;
  filter?: string[];
}
interface PlatformConfig {
  icon: string;
  target: TargetEntry[];
  extraResources?: FileSet[];
  [key: string]: unknown;
}
interface BuildConfig {
  appId: string;
  protocols: { name: string; schemes: string[] }[];
  extraResources: FileSet[];
  mac: PlatformConfig & {
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    notarize?: unknown;
  };
  win: PlatformConfig;
  linux: PlatformConfig & { category: string; mimeTypes: string[]; desktop: { entry: Record<string, string> } };
  publish: { provider: string; owner: string; repo: string }[];
}

const pkg = readJson('package.json') as { build: BuildConfig };
const build = pkg.build;

/** The validator electron-builder itself uses: ajv over app-builder-lib's scheme.json, unknown keywords allowed. */
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(readJson('node_modules/app-builder-lib/scheme.json') as object);
}

const targetsOf = (platform: PlatformConfig): string[] =>
  platform.target.flatMap((t) => (t.arch ?? ['x64']).map((arch) => `${t.target}:${arch}`));

describe('the electron-builder configuration', () => {
  it('matches electron-builder’s schema', () => {
    const validate = validator();
    const valid = validate(build);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check rejects a configuration electron-builder would refuse', () => {
    const validate = validator();
    expect(validate({ ...build, mac: { ...build.mac, hardenedRuntime: 'yes please', notAnOption: 1 } })).toBe(false);
    expect(validate({ ...build, linux: { ...build.linux, target: 42 } })).toBe(false);
  });

  it('declares every target: dmg and zip for both Mac CPUs, nsis, AppImage and deb', () => {
    expect(targetsOf(build.mac).sort()).toEqual(['dmg:arm64', 'dmg:x64', 'zip:arm64', 'zip:x64']);
    expect(targetsOf(build.win)).toEqual(['nsis:x64']);
    expect(targetsOf(build.linux).sort()).toEqual(['AppImage:x64', 'deb:x64']);
  });

  it('uses icons that exist in assets/', () => {
    expect(existsSync(join(root, build.mac.icon))).toBe(true);
    expect(existsSync(join(root, build.win.icon))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(join(root, build.linux.icon, `${size}x${size}.png`)), `${size}x${size}.png`).toBe(true);
    }
  });

  it('signs the Mac app with the hardened runtime and the entitlements Electron and the VM need', () => {
    expect(build.mac.hardenedRuntime).toBe(true);
    expect(build.mac.entitlementsInherit).toBe(build.mac.entitlements);
    const plist = readFileSync(join(root, build.mac.entitlements), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted.sort()).toEqual(
      [
        'com.apple.security.cs.allow-jit',
        'com.apple.security.cs.allow-unsigned-executable-memory',
        'com.apple.security.hypervisor',
        'com.apple.security.network.client',
        'com.apple.security.network.server',
      ].sort(),
    );
  });

  it('leaves notarization to the environment (APPLE_* variables), never forced on or off', () => {
    expect(build.mac.notarize).toBeUndefined();
  });

  it('registers wharf:// on every platform and files the Linux entry under Development and Utility', () => {
    expect(build.protocols).toEqual([expect.objectContaining({ schemes: ['wharf'] })]);
    expect(build.linux.category).toBe('Development');
    expect(build.linux.mimeTypes).toContain('x-scheme-handler/wharf');
    expect(build.linux.desktop.entry.Categories?.split(';')).toEqual(
      expect.arrayContaining(['Development', 'Utility']),
    );
    expect(build.linux.desktop.entry.MimeType).toContain('x-scheme-handler/wharf');
  });

  it('ships the VM image everywhere and the compose plugin on macOS and Windows', () => {
    expect(build.extraResources.map((r) => r.to)).toContain('vm-image');
    for (const platform of [build.mac, build.win]) {
      expect(platform.extraResources).toEqual([
        expect.objectContaining({ from: 'dist/compose/${os}-${arch}', to: 'compose' }),
      ]);
    }
    expect(build.linux.extraResources).toBeUndefined();
  });

  it('publishes to GitHub releases, where the updater looks', () => {
    expect(build.publish[0]).toMatchObject({ provider: 'github' });
  });
});
