import { describe, expect, it } from 'vitest';
import { composeCommand } from './compose-command';

const target = { tool: 'docker-compose', project: 'shop' };

describe('compose command text', () => {
  it('writes down with only the options chosen', () => {
    expect(composeCommand(target, { kind: 'down' })).toBe('docker-compose -p shop down');
    expect(composeCommand(target, { kind: 'down', removeVolumes: true, removeImages: 'local' })).toBe(
      'docker-compose -p shop down --volumes --rmi local',
    );
  });

  it('writes up with profiles before the command, then its options and services', () => {
    expect(
      composeCommand(
        { tool: 'docker compose', project: 'shop', file: '/home/me/my shop/compose.yaml' },
        { kind: 'up', profiles: ['debug'], build: true, pull: 'always', forceRecreate: true, removeOrphans: true, services: ['web'] },
      ),
    ).toBe(
      "docker compose -f '/home/me/my shop/compose.yaml' -p shop --profile debug up -d --build --pull always --force-recreate --remove-orphans web",
    );
    expect(composeCommand(target, { kind: 'up' })).toBe('docker-compose -p shop up -d');
  });

  it('writes the service actions, recreate and scale', () => {
    expect(composeCommand(target, { kind: 'stop' })).toBe('docker-compose -p shop stop');
    expect(composeCommand(target, { kind: 'restart', services: ['web', 'db'] })).toBe('docker-compose -p shop restart web db');
    expect(composeCommand(target, { kind: 'recreate' })).toBe('docker-compose -p shop up -d --force-recreate --no-deps');
    expect(composeCommand(target, { kind: 'scale', service: 'web', replicas: 3 })).toBe(
      'docker-compose -p shop up -d --no-recreate --scale web=3 web',
    );
  });
});
