// Logins shared with the docker CLI, against the real Docker engine and a real
// local registry: `docker --config <dir> login` (plain config.json, then
// Debian's docker-credential-pass), and Wharf pushes and pulls a private
// image with it; a Wharf login saved for the CLI lets `docker pull` work.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../api/contract';
import type { TransferEvent } from '../images/types';
import { createImagesService } from '../images/service';
import { createMemoryCredentialStore } from './credentials';
import { type ExternalEnv, encodeAuth } from './docker-config';
import { createRegistryService } from './service';
import {
  type TestEngine,
  TEST_IMAGE,
  createTestEngine,
  hasDockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { type TestRegistry, hasRegistryTools, startTestRegistry } from '../../test-support/test-registry';

const docker = testEndpoints().find((e) => e.kind === 'docker');
const hasPass = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v docker-credential-pass && command -v pass && command -v gpg'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a program with `env`, `input` on stdin; resolves with stdout, rejects with stderr. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}

/** Runs a pull or push subscription to its end. */
function transfer(images: ReturnType<typeof createImagesService>, name: 'images.pull' | 'images.push', image: string) {
  return new Promise<TransferEvent[]>((resolve, reject) => {
    const events: TransferEvent[] = [];
    const handler = images.subscriptions[name] as unknown as (
      i: unknown,
      sink: { emit(e: TransferEvent): void; fail(e: unknown): void },
    ) => () => void;
    handler(contract[name].input.parse({ image }), {
      emit: (e) => {
        events.push(e);
        if (e.kind === 'done') resolve(events);
      },
      fail: (error) => reject(error instanceof Error ? error : new Error(String(error))),
    });
  });
}

describe.skipIf(docker === undefined || !hasRegistryTools() || !hasDockerCli())(
  'logins shared with the docker CLI',
  () => {
    let engine: TestEngine;
    let registry: TestRegistry;
    const dir = mkdtempSync(join(tmpdir(), 'wharf-cli-logins-'));
    const home = join(dir, 'home');
    const pushed: string[] = [];
    /** The environment Wharf and the CLI share in one test: its own config folder, an empty home. */
    const envFor = (configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      HOME: home,
      DOCKER_HOST: docker!.endpoint,
      DOCKER_CONFIG: configDir,
      ...extra,
    });
    const cli = (env: NodeJS.ProcessEnv, args: string[], input = '') => run('docker', args, env, input);

    beforeAll(async () => {
      mkdirSync(home);
      engine = await createTestEngine(docker!.endpoint);
      registry = await startTestRegistry();
    });
    afterAll(async () => {
      for (const ref of pushed)
        await engine
          .docker()
          .getImage(ref)
          .remove({ force: true })
          .catch(() => {});
      await registry?.stop();
      await engine?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Tags the test image for the registry, pushes it with Wharf, removes it here, pulls it back with Wharf. */
    const pushAndPullWithWharf = async (external: ExternalEnv) => {
      const credentials = createMemoryCredentialStore();
      const images = createImagesService(engine, credentials, external);
      const remote = `${registry.host}/wharf/private-${uniqueName('cli')}:1`;
      await images.requests['images.tag']({ source: TEST_IMAGE, target: remote });
      pushed.push(remote);
      const up = await transfer(images, 'images.push', remote);
      expect(up.at(-1)?.kind).toBe('done');
      await engine.docker().getImage(remote).remove();
      await expect(engine.docker().getImage(remote).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const down = await transfer(images, 'images.pull', remote);
      expect(down.at(-1)).toMatchObject({ kind: 'done', image: remote });
      await engine.docker().getImage(remote).inspect();
      // Used, never copied: Wharf's own store is still empty.
      expect(await credentials.list()).toEqual([]);
      return remote;
    };

    it('without any login, the private registry refuses the push', async () => {
      const configDir = join(dir, 'none');
      const images = createImagesService(engine, createMemoryCredentialStore(), { env: envFor(configDir), home });
      const remote = `${registry.host}/wharf/refused-${uniqueName('cli')}:1`;
      await images.requests['images.tag']({ source: TEST_IMAGE, target: remote });
      pushed.push(remote);
      await expect(transfer(images, 'images.push', remote)).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('a broken config.json is reported and changes nothing; its login is not used', async () => {
      const configDir = join(dir, 'broken');
      mkdirSync(configDir);
      writeFileSync(join(configDir, 'config.json'), '{ "auths": ');
      const external = { env: envFor(configDir), home };
      const registries = createRegistryService(engine, createMemoryCredentialStore(), external);
      expect(await registries.requests['registry.list']({})).toEqual([]);
      expect(await registries.requests['registry.toolFiles']({})).toEqual({
        dockerConfig: join(configDir, 'config.json'),
        podman: [join(home, '.config', 'containers', 'auth.json')],
        problems: [{ kind: 'not-json', file: join(configDir, 'config.json') }],
      });
      expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe('{ "auths": ');
    });

    it('a `docker login` in config.json works for push and pull, and is listed as the CLI’s', async () => {
      const configDir = join(dir, 'plain');
      // Only docker on PATH: with Debian's pass installed, `docker login` would otherwise pick it as its store.
      const bin = join(dir, 'docker-only');
      mkdirSync(bin);
      symlinkSync(execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim(), join(bin, 'docker'));
      const env = envFor(configDir, { PATH: bin });
      await cli(
        env,
        ['--config', configDir, 'login', '-u', registry.username, '--password-stdin', registry.host],
        registry.password,
      );
      const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
        auths: Record<string, { auth: string }>;
      };
      expect(config.auths[registry.host]?.auth).toBe(encodeAuth(registry.username, registry.password));

      const external = { env, home };
      await pushAndPullWithWharf(external);
      const listed = await createRegistryService(engine, createMemoryCredentialStore(), external).requests[
        'registry.list'
      ]({});
      expect(listed).toEqual([
        {
          registry: registry.host,
          username: registry.username,
          source: 'docker-config',
          file: join(configDir, 'config.json'),
        },
      ]);
    });

    describe.skipIf(!hasPass)("with Debian's docker-credential-pass", () => {
      const gnupg = join(dir, 'gnupg');
      const passEnv = { GNUPGHOME: gnupg, PASSWORD_STORE_DIR: join(dir, 'password-store') };
      beforeAll(async () => {
        mkdirSync(gnupg, { mode: 0o700 });
        const env = { ...envFor(join(dir, 'pass')), ...passEnv };
        await run('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'wharf-test@example.invalid'], env);
        const keys = await run('gpg', ['--list-keys', '--with-colons'], env);
        const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(keys)?.[1];
        await run('pass', ['init', fingerprint!], env);
      });
      afterAll(async () => {
        await run('gpgconf', ['--kill', 'gpg-agent'], { ...process.env, ...passEnv }).catch(() => {});
      });

      it('a `docker login` kept by the helper works for push and pull, and is listed as the helper’s', async () => {
        const configDir = join(dir, 'pass');
        mkdirSync(configDir);
        writeFileSync(join(configDir, 'config.json'), JSON.stringify({ credsStore: 'pass' }));
        const env = { ...envFor(configDir), ...passEnv };
        await cli(
          env,
          ['--config', configDir, 'login', '-u', registry.username, '--password-stdin', registry.host],
          registry.password,
        );
        // The password is in the helper's store, not in config.json.
        expect(readFileSync(join(configDir, 'config.json'), 'utf8')).not.toContain(
          encodeAuth(registry.username, registry.password),
        );
        expect(await run('docker-credential-pass', ['list'], env)).toContain(registry.host);

        const external = { env, home };
        await pushAndPullWithWharf(external);
        const listed = await createRegistryService(engine, createMemoryCredentialStore(), external).requests[
          'registry.list'
        ]({});
        expect(listed).toEqual([
          {
            registry: registry.host,
            username: registry.username,
            source: 'credential-helper',
            helper: 'pass',
            file: join(configDir, 'config.json'),
          },
        ]);
      });
    });

    it('a Wharf login saved for the CLI lets `docker pull` work, and the CLI’s other settings stay', async () => {
      // Something to pull: pushed with a Wharf login.
      const configDir = join(dir, 'from-wharf');
      mkdirSync(configDir);
      writeFileSync(join(configDir, 'config.json'), JSON.stringify({ psFormat: 'table {{.Names}}' }));
      const env = envFor(configDir);
      const credentials = createMemoryCredentialStore();
      const external = { env, home };
      const registries = createRegistryService(engine, credentials, external);
      const login = await registries.requests['registry.login'](
        contract['registry.login'].input.parse({
          registry: registry.host,
          username: registry.username,
          password: registry.password,
          saveForDockerCli: true,
        }),
      );
      expect(login.dockerCli).toEqual({ saved: true, file: join(configDir, 'config.json') });
      expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'))).toEqual({
        psFormat: 'table {{.Names}}',
        auths: { [registry.host]: { auth: encodeAuth(registry.username, registry.password) } },
      });
      // Listed once, as Wharf's own.
      expect((await registries.requests['registry.list']({})).map((l) => [l.registry, l.source])).toEqual([
        [registry.host, 'wharf'],
      ]);

      const images = createImagesService(engine, credentials, external);
      const remote = `${registry.host}/wharf/for-cli-${uniqueName('cli')}:1`;
      await images.requests['images.tag']({ source: TEST_IMAGE, target: remote });
      pushed.push(remote);
      await transfer(images, 'images.push', remote);
      await engine.docker().getImage(remote).remove();

      // Without the saved login the CLI is refused; with it, the pull works.
      const elsewhere = join(dir, 'empty-cli');
      await expect(cli(envFor(elsewhere), ['--config', elsewhere, 'pull', remote])).rejects.toThrow(
        /no basic auth|unauthorized|denied/i,
      );
      await cli(env, ['--config', configDir, 'pull', remote]);
      await engine.docker().getImage(remote).inspect();
    });
  },
);
