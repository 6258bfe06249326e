// The packaged app's electron-builder configuration (package.json `build`):
// valid for electron-builder, with the app in an asar archive and Electron's
// fuses flipped so the shipped binary cannot be turned into a plain Node.js
// (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) or made to load code from
// outside that archive.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface BuildConfig {
  asar?: unknown;
  electronFuses?: Record<string, boolean>;
  mac?: { asar?: unknown };
  win?: { asar?: unknown };
  linux?: { asar?: unknown };
}

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { build: BuildConfig };

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
    await expect(validateConfiguration({ ...build, extraResources: [{ form: 'x' }] } as never, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
    await expect(validateConfiguration({ ...build, electronFuses: { runAsNod: false } } as never, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
    // Loading electron-builder's modules alone takes seconds on a busy machine.
  }, 60_000);

  it('packs the app into an asar archive, on every platform', () => {
    expect(pkg.build.asar).toBe(true);
    for (const platform of [pkg.build.mac, pkg.build.win, pkg.build.linux]) expect(platform?.asar ?? true).toBe(true);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; cookies encrypted; only the checked app.asar loads', () => {
    expect(pkg.build.electronFuses).toEqual(FUSES);
  });

  it('is read by electron-builder as those fuses of @electron/fuses', async () => {
    const { PlatformPackager } = await import('app-builder-lib');
    const { FuseV1Options, FuseVersion } = await import('@electron/fuses');
    const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> })
      .generateFuseConfig;
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
