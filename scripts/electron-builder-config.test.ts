// The packaged app's electron-builder configuration (package.json `build`):
// valid for electron-builder, with the app in an asar archive and Electron's
// fuses flipped so the shipped binary cannot be turned into a plain Node.js
// (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) or made to load code from
// outside that archive. Its icons (assets/, from scripts/icons.ts) are there
// in the formats and sizes each platform takes. Each release declares its
// targets, the Mac app's hardened runtime and entitlements, wharf:// links,
// the bundled compose binary and where updates are published.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

interface BuildConfig {
  asar?: unknown;
  asarUnpack?: string[];
  electronFuses?: Record<string, boolean>;
  directories?: { buildResources?: string; output?: string };
  mac?: { asar?: unknown; icon?: string };
  win?: { asar?: unknown; icon?: string };
  linux?: { asar?: unknown; icon?: string };
}

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: BuildConfig };

const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('the electron-builder configuration', () => {
  it('is valid for electron-builder (its own schema)', async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config');
    const { DebugLogger } = await import('builder-util');
    const build = pkg.build as Parameters<typeof validateConfiguration>[0];
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...build, extraResources: [{ form: 'x' }] } as never, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
    await expect(
      validateConfiguration({ ...build, electronFuses: { runAsNod: false } } as never, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
    // Loading electron-builder's modules alone takes seconds on a busy machine.
  }, 60_000);

  it('packs the app into an asar archive, on every platform', () => {
    expect(pkg.build.asar).toBe(true);
    for (const platform of [pkg.build.mac, pkg.build.win, pkg.build.linux]) expect(platform?.asar ?? true).toBe(true);
  });

  it("unpacks the terminal library's native files, which cannot load from inside the archive", () => {
    // minimatch: the matcher electron-builder applies these globs with.
    const unpacked = (path: string) => (pkg.build.asarUnpack ?? []).some((glob) => minimatch(path, glob));
    for (const path of [
      'node_modules/@lydell/node-pty-linux-x64/pty.node',
      'node_modules/@lydell/node-pty-darwin-arm64/spawn-helper',
      'node_modules/@lydell/node-pty-win32-x64/conpty/conpty.dll',
      'node_modules/@lydell/node-pty/worker/conoutSocketWorker.js',
    ])
      expect(unpacked(path), path).toBe(true);
    expect(unpacked('dist/runtime/cli.js')).toBe(false);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; cookies encrypted; only the checked app.asar loads', () => {
    expect(pkg.build.electronFuses).toEqual(FUSES);
  });

  it('is read by electron-builder as those fuses of @electron/fuses', async () => {
    const { PlatformPackager } = await import('app-builder-lib');
    const { FuseV1Options, FuseVersion } = await import('@electron/fuses');
    const generate = (
      PlatformPackager.prototype as unknown as { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> }
    ).generateFuseConfig;
    const config = await generate.call(undefined, pkg.build.electronFuses);
    expect(config).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  }, 60_000);
});

/** A PNG's width and height, from its signature and IHDR chunk; throws on anything else. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  if (
    !bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A square PNG's side, 8-bit RGBA (colour type 6), as Windows wants inside an ICO. */
function rgbaSide(bytes: Buffer): number {
  const { width, height } = pngSize(bytes);
  expect(height).toBe(width);
  expect([bytes[24], bytes[25]]).toEqual([8, 6]);
  return width;
}

const file = (path: string) => readFileSync(join(root, path));

describe('the app icon', () => {
  it('comes from assets/, the build resources folder, with its SVG source', () => {
    expect(pkg.build.directories?.buildResources).toBe('assets');
    expect(file('assets/icon.svg').toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/);
  });

  it('is the renderer’s favicon too (vite copies it into the build, served from the page’s own origin)', () => {
    const html = file('renderer/index.html').toString('utf8');
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    expect(href && join(root, 'renderer', href)).toBe(join(root, 'assets', 'icon.svg'));
  });

  it('is an ICNS for macOS with PNGs from 16 to 1024 pixels', () => {
    const icns = file(pkg.build.mac?.icon ?? 'build/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const sizes = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      expect(icns.readUInt32BE(at + 4)).toBeGreaterThan(8);
      sizes.set(icns.toString('latin1', at, at + 4), rgbaSide(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))));
    }
    expect(Object.fromEntries(sizes)).toEqual({
      icp4: 16,
      icp5: 32,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });

  it('is an ICO for Windows with PNGs from 16 to 256 pixels', () => {
    const ico = file(pkg.build.win?.icon ?? 'build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sides: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const side = ico[entry] || 256;
      const image = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      expect(rgbaSide(image)).toBe(side);
      expect(ico[entry + 1] || 256).toBe(side);
      sides.push(side);
    }
    expect(sides).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('is a folder of PNGs named by their size for Linux', () => {
    const dir = pkg.build.linux?.icon ?? '';
    expect(statSync(join(root, dir)).isDirectory()).toBe(true);
    const names = readdirSync(join(root, dir)).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual([
      '16x16.png',
      '24x24.png',
      '32x32.png',
      '48x48.png',
      '64x64.png',
      '128x128.png',
      '256x256.png',
      '512x512.png',
      '1024x1024.png',
    ]);
    for (const name of names)
      expect(`${rgbaSide(file(join(dir, name)))}x${rgbaSide(file(join(dir, name)))}.png`).toBe(name);
  });

  it('is what electron-builder takes for each platform, as it is (no conversion)', async () => {
    const { convertIcon } = await import('app-builder-lib/out/util/iconConverter');
    const picked = async (source: string | undefined, format: 'icns' | 'ico' | 'set') => {
      const options = {
        sources: source ? [source] : [],
        fallbackSources: [],
        roots: [join(root, 'assets'), root],
        format,
        outDir: join(root, 'release', 'icons'),
      };
      const result = await convertIcon(options);
      expect(result.isFallback).toBe(false);
      return result.icons.map((icon) => `${icon.file.slice(root.length + 1)} ${icon.size}`);
    };
    expect(await picked(pkg.build.mac?.icon, 'icns')).toEqual(['assets/icon.icns 0']);
    expect(await picked(pkg.build.win?.icon, 'ico')).toEqual(['assets/icon.ico 256']);
    expect(await picked(pkg.build.linux?.icon, 'set')).toEqual(
      [16, 24, 32, 48, 64, 128, 256, 512, 1024].map((n) => `assets/icons/${n}x${n}.png ${n}`),
    );
  }, 60_000);

  it('goes into the app as assets/icon.png, a 512-pixel PNG, for the window on Linux and Windows', async () => {
    expect(pngSize(file('assets/icon.png'))).toEqual({ width: 512, height: 512 });
    // electron-builder's own choice of the app's files (build resources are left out unless named).
    const { getMainFileMatchers } = (await import('app-builder-lib/out/fileMatcher')) as unknown as {
      getMainFileMatchers(
        ...args: unknown[]
      ): { createFilter(): (file: string, stat: ReturnType<typeof statSync>) => boolean }[];
    };
    const info = {
      projectDir: root,
      buildResourcesDir: join(root, 'assets'),
      isPrepackedAppAsar: false,
      config: pkg.build,
      debugLogger: { isEnabled: false },
    };
    const [matcher] = getMainFileMatchers(root, '/app', (s: string) => s, {}, { info }, join(root, 'release'), false);
    const packed = matcher!.createFilter();
    const packs = (path: string) => packed(join(root, path), statSync(join(root, path)));
    expect(packs('assets')).toBe(true);
    expect(packs('assets/icon.png')).toBe(true);
    expect(packs('assets/icon.svg')).toBe(false);
    expect(packs('assets/icon.icns')).toBe(false);
    expect(packs('package.json')).toBe(true);
  }, 60_000);
});

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
interface ReleaseConfig {
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

const build = (pkg as unknown as { build: ReleaseConfig }).build;

const targetsOf = (platform: PlatformConfig): string[] =>
  platform.target.flatMap((t) => (t.arch ?? ['x64']).map((arch) => `${t.target}:${arch}`));

describe('what each release carries', () => {
  it('declares every target: dmg and zip for both Mac CPUs, nsis, AppImage and deb', () => {
    expect(targetsOf(build.mac).sort()).toEqual(['dmg:arm64', 'dmg:x64', 'zip:arm64', 'zip:x64']);
    expect(targetsOf(build.win)).toEqual(['nsis:x64']);
    expect(targetsOf(build.linux).sort()).toEqual(['AppImage:x64', 'deb:x64']);
  });

  it('signs the Mac app with the hardened runtime and the entitlements Electron and the VM need', () => {
    expect(build.mac.hardenedRuntime).toBe(true);
    expect(build.mac.entitlementsInherit).toBe(build.mac.entitlements);
    const plist = file(build.mac.entitlements).toString('utf8');
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
