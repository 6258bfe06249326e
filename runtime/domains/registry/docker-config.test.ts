// The docker CLI's and Podman's login files, read and written in temp folders;
// credential helpers are small scripts speaking the helper protocol.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ExternalEnv,
  decodeAuth,
  encodeAuth,
  engineAuth,
  findExternalLogin,
  listExternalLogins,
  saveForDockerCli,
} from './docker-config';

let dir: string;
let x: ExternalEnv;
let problems: string[];

const configFile = () => join(dir, 'docker', 'config.json');
const writeConfig = (content: unknown) => {
  mkdirSync(join(dir, 'docker'), { recursive: true });
  writeFileSync(configFile(), typeof content === 'string' ? content : JSON.stringify(content));
};
/** A helper that answers `get` for one server, `list`, and records `store` input in a file. */
const writeHelper = (name: string, server: string, user: string, secret: string) => {
  const file = join(dir, 'bin', `docker-credential-${name}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      'input=$(cat)',
      'case "$1" in',
      `  get) if [ "$input" = "${server}" ]; then printf '{"ServerURL":"%s","Username":"${user}","Secret":"${secret}"}' "$input"; else echo "credentials not found in native keychain"; exit 1; fi ;;`,
      `  list) printf '{"${server}":"${user}"}' ;;`,
      `  store) printf '%s' "$input" > "${join(dir, `${name}.stored`)}" ;;`,
      'esac',
    ].join('\n'),
  );
  chmodSync(file, 0o755);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-cli-config-'));
  problems = [];
  x = {
    env: { DOCKER_CONFIG: join(dir, 'docker'), PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: dir },
    home: dir,
    problems: (p) => problems.push(p.message),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading the docker CLI config', () => {
  it('finds nothing when there is no file', async () => {
    expect(await findExternalLogin('127.0.0.1:5000', x)).toBeUndefined();
    expect(await listExternalLogins(x)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('decodes auths[host].auth, under the host or a URL spelling of it', async () => {
    writeConfig({ auths: { 'https://127.0.0.1:5000': { auth: encodeAuth('ann', 'p:w') } } });
    expect(await findExternalLogin('127.0.0.1:5000', x)).toEqual({
      registry: '127.0.0.1:5000',
      username: 'ann',
      password: 'p:w',
      source: { kind: 'docker-config', file: configFile() },
    });
    expect(await findExternalLogin('127.0.0.1:5001', x)).toBeUndefined();
  });

  it('passes identity tokens to the engine as tokens, from a helper or from auths', async () => {
    writeHelper('tokens', '127.0.0.1:5000', '<token>', 'tok-1');
    writeConfig({
      credHelpers: { '127.0.0.1:5000': 'tokens' },
      auths: { 'ghcr.io': { auth: encodeAuth('gh', ''), identitytoken: 'tok-2' } },
    });
    const fromHelper = await findExternalLogin('127.0.0.1:5000', x);
    expect(engineAuth(fromHelper!, '127.0.0.1:5000')).toEqual({
      identitytoken: 'tok-1',
      serveraddress: '127.0.0.1:5000',
    });
    const fromFile = await findExternalLogin('ghcr.io', x);
    expect(engineAuth(fromFile!, 'ghcr.io')).toEqual({ identitytoken: 'tok-2', serveraddress: 'ghcr.io' });
    expect(engineAuth({ username: 'ann', password: 'pw' }, 'ghcr.io')).toEqual({
      username: 'ann',
      password: 'pw',
      serveraddress: 'ghcr.io',
    });
  });

  it('takes an empty helper answer as no login, as the CLI does', async () => {
    writeHelper('empty', '127.0.0.1:5000', '', '');
    writeConfig({ credsStore: 'empty', auths: { '127.0.0.1:5000': { auth: encodeAuth('plain', 'x') } } });
    expect(await findExternalLogin('127.0.0.1:5000', x)).toMatchObject({ username: 'plain', password: 'x' });
    expect(problems).toEqual([]);
  });

  it("files Docker Hub under the CLI's https://index.docker.io/v1/ key", async () => {
    writeConfig({ auths: { 'https://index.docker.io/v1/': { auth: encodeAuth('hubber', 'secret') } } });
    expect((await findExternalLogin('docker.io', x))?.username).toBe('hubber');
    expect(await listExternalLogins(x)).toEqual([
      { registry: 'docker.io', username: 'hubber', source: { kind: 'docker-config', file: configFile() } },
    ]);
  });

  it('asks credHelpers[host] first, then credsStore, then auths', async () => {
    writeHelper('per-host', '127.0.0.1:5000', 'from-helper', 'h-secret');
    writeHelper('store', 'https://index.docker.io/v1/', 'from-store', 's-secret');
    writeConfig({
      credHelpers: { '127.0.0.1:5000': 'per-host' },
      credsStore: 'store',
      auths: { '127.0.0.1:5000': { auth: encodeAuth('plain', 'x') }, 'ghcr.io': { auth: encodeAuth('gh', 'y') } },
    });
    const viaHelper = await findExternalLogin('127.0.0.1:5000', x);
    expect(viaHelper).toMatchObject({ username: 'from-helper', password: 'h-secret' });
    expect(viaHelper?.source).toEqual({ kind: 'credential-helper', helper: 'per-host', file: configFile() });
    expect(await findExternalLogin('docker.io', x)).toMatchObject({ username: 'from-store', password: 's-secret' });
    // credsStore does not know ghcr.io ("credentials not found"): auths is used, and that is no problem.
    expect(await findExternalLogin('ghcr.io', x)).toMatchObject({ username: 'gh', password: 'y' });
    expect(problems).toEqual([]);
    expect((await listExternalLogins(x)).map((l) => [l.registry, l.username, l.source.kind])).toEqual([
      ['127.0.0.1:5000', 'from-helper', 'credential-helper'],
      ['docker.io', 'from-store', 'credential-helper'],
      ['ghcr.io', 'gh', 'docker-config'],
    ]);
  });

  it('reports a broken file or a missing helper and goes on', async () => {
    writeConfig('{ not json');
    expect(await findExternalLogin('127.0.0.1:5000', x)).toBeUndefined();
    expect(problems[0]).toContain('is not valid JSON');
    writeConfig({ auths: ['not', 'a', 'map'] });
    expect(await listExternalLogins(x)).toEqual([]);
    expect(problems[1]).toContain('does not look like a login file');
    writeConfig({ credsStore: 'absent', auths: { 'ghcr.io': { auth: encodeAuth('gh', 'y') } } });
    expect(await findExternalLogin('ghcr.io', x)).toMatchObject({ username: 'gh' });
    expect(problems[2]).toContain('docker-credential-absent could not give the login for ghcr.io');
    writeConfig({ credsStore: '../../bin/sh' });
    expect(await findExternalLogin('ghcr.io', x)).toBeUndefined();
    expect(problems[3]).toContain('is not a credential helper name');
  });
});

describe("reading Podman's auth.json", () => {
  it('reads REGISTRY_AUTH_FILE alone when it is set, else XDG_RUNTIME_DIR, then ~/.config', async () => {
    const runtime = join(dir, 'run', 'containers', 'auth.json');
    const config = join(dir, '.config', 'containers', 'auth.json');
    mkdirSync(join(dir, 'run', 'containers'), { recursive: true });
    mkdirSync(join(dir, '.config', 'containers'), { recursive: true });
    writeFileSync(runtime, JSON.stringify({ auths: { 'quay.io': { auth: encodeAuth('run-user', 'a') } } }));
    writeFileSync(
      config,
      JSON.stringify({
        auths: { 'quay.io': { auth: encodeAuth('cfg-user', 'b') }, 'docker.io': { auth: encodeAuth('d', 'c') } },
      }),
    );
    x.env.XDG_RUNTIME_DIR = join(dir, 'run');
    expect(await findExternalLogin('quay.io', x)).toEqual({
      registry: 'quay.io',
      username: 'run-user',
      password: 'a',
      source: { kind: 'podman', file: runtime },
    });
    expect((await findExternalLogin('docker.io', x))?.source).toEqual({ kind: 'podman', file: config });
    x.env.REGISTRY_AUTH_FILE = config;
    expect((await findExternalLogin('quay.io', x))?.username).toBe('cfg-user');
  });

  it('lets the docker CLI win over Podman for the same registry', async () => {
    writeConfig({ auths: { 'quay.io': { auth: encodeAuth('cli', 'a') } } });
    mkdirSync(join(dir, '.config', 'containers'), { recursive: true });
    writeFileSync(
      join(dir, '.config', 'containers', 'auth.json'),
      JSON.stringify({ auths: { 'quay.io': { auth: encodeAuth('podman', 'b') } } }),
    );
    expect((await findExternalLogin('quay.io', x))?.username).toBe('cli');
    expect((await listExternalLogins(x)).map((l) => l.username)).toEqual(['cli']);
  });
});

describe('saving for the docker CLI', () => {
  it('writes auths[host].auth and keeps every other key as it was', async () => {
    writeConfig({
      auths: { 'ghcr.io': { auth: encodeAuth('gh', 'y') } },
      psFormat: '{{.ID}}',
      plugins: { a: { b: 1 } },
    });
    expect(await saveForDockerCli('127.0.0.1:5000', 'ann', 'pw', x)).toEqual({
      kind: 'docker-config',
      file: configFile(),
    });
    const written = JSON.parse(readFileSync(configFile(), 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({
      auths: { 'ghcr.io': { auth: encodeAuth('gh', 'y') }, '127.0.0.1:5000': { auth: encodeAuth('ann', 'pw') } },
      psFormat: '{{.ID}}',
      plugins: { a: { b: 1 } },
    });
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    expect(decodeAuth(encodeAuth('ann', 'pw'))).toEqual({ username: 'ann', password: 'pw' });
  });

  it("creates the file, with Docker Hub under the CLI's key", async () => {
    await saveForDockerCli('docker.io', 'hubber', 'pw', x);
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({
      auths: { 'https://index.docker.io/v1/': { auth: encodeAuth('hubber', 'pw') } },
    });
  });

  it('hands the login to the helper the file names for that host', async () => {
    writeHelper('keeper', 'unused', 'u', 's');
    writeConfig({ credsStore: 'keeper' });
    const before = readFileSync(configFile(), 'utf8');
    expect(await saveForDockerCli('127.0.0.1:5000', 'ann', 'pw', x)).toEqual({
      kind: 'credential-helper',
      helper: 'keeper',
      file: configFile(),
    });
    expect(JSON.parse(readFileSync(join(dir, 'keeper.stored'), 'utf8'))).toEqual({
      ServerURL: '127.0.0.1:5000',
      Username: 'ann',
      Secret: 'pw',
    });
    expect(readFileSync(configFile(), 'utf8')).toBe(before);
  });

  it('leaves a broken file alone', async () => {
    writeConfig('{ broken');
    await expect(saveForDockerCli('127.0.0.1:5000', 'ann', 'pw', x)).rejects.toThrow(
      'is not a valid docker CLI configuration, so it was left as it is.',
    );
    expect(readFileSync(configFile(), 'utf8')).toBe('{ broken');
  });
});
