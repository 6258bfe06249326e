import { describe, expect, it } from 'vitest';
import { composeCommand } from './compose-command';

const target = { tool: 'docker-compose', project: 'shop' } as const;

describe('compose command text', () => {
  it('writes down with only the options chosen', () => {
    expect(composeCommand(target, { kind: 'down' })).toBe('docker-compose -p shop down');
    expect(composeCommand(target, { kind: 'down', removeVolumes: true, removeImages: 'all' })).toBe(
      'docker-compose -p shop down -v --rmi all',
    );
  });

  it('writes up with the file, profiles before the command, then its options and services', () => {
    expect(
      composeCommand(
        { tool: 'compose-plugin', project: 'shop', files: ['/home/me/my shop/compose.yaml'] },
        {
          kind: 'up',
          profiles: ['debug'],
          build: true,
          pull: 'always',
          forceRecreate: true,
          removeOrphans: true,
          services: ['web'],
        },
      ),
    ).toBe(
      "docker compose -p shop -f '/home/me/my shop/compose.yaml' --profile debug up -d --build --pull always --force-recreate --remove-orphans web",
    );
    expect(composeCommand(target, { kind: 'up' })).toBe('docker-compose -p shop up -d');
  });

  it('writes the service actions and scale for the tool found', () => {
    expect(composeCommand({ tool: 'podman-compose', project: 'shop' }, { kind: 'stop' })).toBe(
      'podman-compose -p shop stop',
    );
    expect(composeCommand(target, { kind: 'restart', services: ['web', 'db'] })).toBe(
      'docker-compose -p shop restart web db',
    );
    expect(composeCommand(target, { kind: 'scale', service: 'web', replicas: 3 })).toBe(
      'docker-compose -p shop up -d --no-recreate --scale web=3',
    );
  });
});
