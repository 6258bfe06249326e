import { describe, expect, it } from 'vitest';
import { ComposeOperation } from './contract';
import { composeArgvs, composeCommand, composeLogsCommand, engineFallbackCommands, type ComposeTarget } from './cli';

const op = (input: unknown) => ComposeOperation.parse(input);
const dc: ComposeTarget = { tool: 'docker-compose', project: 'shop', files: ['/home/me/shop/compose.yaml'] };
const plugin: ComposeTarget = { ...dc, tool: 'compose-plugin' };
const podman: ComposeTarget = { ...dc, tool: 'podman-compose' };

describe('composeCommand', () => {
  it('writes up as a user types it', () => {
    expect(composeCommand(dc, op({ kind: 'up', build: true }))).toBe(
      'docker-compose -p shop -f /home/me/shop/compose.yaml up -d --build',
    );
    expect(
      composeCommand(
        plugin,
        op({ kind: 'up', services: ['web'], forceRecreate: true, removeOrphans: true, scale: { web: 3 } }),
      ),
    ).toBe(
      'docker compose -p shop -f /home/me/shop/compose.yaml up -d --force-recreate --remove-orphans --scale web=3 web',
    );
    expect(composeCommand(dc, op({ kind: 'up', profiles: ['debug'] }))).toBe(
      'docker-compose -p shop -f /home/me/shop/compose.yaml --profile debug up -d',
    );
  });

  it('quotes paths with spaces', () => {
    expect(composeCommand({ ...dc, files: ['/home/me/my shop/compose.yaml'] }, op({ kind: 'start' }))).toBe(
      "docker-compose -p shop -f '/home/me/my shop/compose.yaml' start",
    );
  });

  it('pulls first where up has no --pull, and refuses what a tool cannot do', () => {
    expect(composeArgvs(dc, op({ kind: 'up', pull: 'always', services: ['db'] }))).toEqual({
      ok: true,
      argvs: [
        ['docker-compose', '-p', 'shop', '-f', '/home/me/shop/compose.yaml', 'pull', 'db'],
        ['docker-compose', '-p', 'shop', '-f', '/home/me/shop/compose.yaml', 'up', '-d', 'db'],
      ],
    });
    expect(composeCommand(plugin, op({ kind: 'up', pull: 'never' }))).toBe(
      'docker compose -p shop -f /home/me/shop/compose.yaml up -d --pull never',
    );
    expect(composeCommand(podman, op({ kind: 'up', pull: 'always' }))).toBe(
      'podman-compose -p shop -f /home/me/shop/compose.yaml up -d --pull-always',
    );
    const never = composeArgvs(dc, op({ kind: 'up', pull: 'never' }));
    expect(never.ok ? undefined : never.error.key).toBe('compose.pullNeverUnsupported');
    const rmi = composeArgvs(podman, op({ kind: 'down', removeImages: 'local' }));
    expect(rmi.ok ? undefined : rmi.error.key).toBe('compose.rmiUnsupported');
    const scale = composeArgvs(podman, op({ kind: 'scale', service: 'web', replicas: 2 }));
    expect(scale.ok ? undefined : scale.error.key).toBe('compose.scaleUnsupported');
    const profiles = composeArgvs(podman, op({ kind: 'up', profiles: ['x'] }));
    expect(profiles.ok ? undefined : profiles.error.key).toBe('compose.profilesUnsupported');
  });

  it('writes down, recreate, scale and the single commands', () => {
    expect(
      composeCommand(dc, op({ kind: 'down', removeVolumes: true, removeImages: 'local', removeOrphans: true })),
    ).toBe('docker-compose -p shop -f /home/me/shop/compose.yaml down -v --rmi local --remove-orphans');
    expect(composeCommand(dc, op({ kind: 'recreate', services: ['web'] }))).toBe(
      'docker-compose -p shop -f /home/me/shop/compose.yaml up -d --force-recreate web',
    );
    expect(composeCommand(dc, op({ kind: 'scale', service: 'web', replicas: 3 }))).toBe(
      'docker-compose -p shop -f /home/me/shop/compose.yaml up -d --no-recreate --scale web=3',
    );
    for (const kind of ['start', 'stop', 'restart', 'pull', 'build'] as const) {
      expect(composeCommand(podman, op({ kind, services: ['db'] }))).toBe(
        `podman-compose -p shop -f /home/me/shop/compose.yaml ${kind} db`,
      );
    }
  });

  it('writes logs and the engine commands used when the files are not here', () => {
    expect(composeLogsCommand({ ...dc, files: [] }, { follow: true, tail: 100, services: ['web'] })).toBe(
      'docker-compose -p shop logs -f -t --tail 100 web',
    );
    expect(engineFallbackCommands('stop', ['shop_web_1', 'shop_db_1'], [])).toEqual([
      'docker stop shop_web_1 shop_db_1',
    ]);
    expect(engineFallbackCommands('down', ['shop_web_1'], ['shop_default'])).toEqual([
      'docker rm -f shop_web_1',
      'docker network rm shop_default',
    ]);
  });
});
