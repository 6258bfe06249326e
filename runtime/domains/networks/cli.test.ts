import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../api/shell-words';
import {
  networkConnectCommand,
  networkCreateCommand,
  networkDisconnectCommand,
  networkInspectCommand,
  networkRemoveCommand,
  userNetworkAdvice,
} from './cli';

describe('network commands', () => {
  it('writes create with every flag, in the order docker documents them', () => {
    expect(
      networkCreateCommand({
        name: 'backend',
        driver: 'bridge',
        subnet: '10.10.0.0/24',
        gateway: '10.10.0.1',
        internal: true,
        attachable: true,
        labels: { team: 'web', note: 'two words' },
        options: { 'com.docker.network.bridge.name': 'br-backend' },
      }),
    ).toBe(
      "docker network create --driver bridge --subnet 10.10.0.0/24 --gateway 10.10.0.1 --internal --attachable --label team=web --label 'note=two words' -o com.docker.network.bridge.name=br-backend backend",
    );
  });

  it('writes the shortest create for a name alone', () => {
    expect(networkCreateCommand({ name: 'app', subnet: '', gateway: '' })).toBe(
      'docker network create --driver bridge app',
    );
    expect(networkCreateCommand({ name: 'lan', driver: 'macvlan', options: { parent: 'eth0' } })).toBe(
      'docker network create --driver macvlan -o parent=eth0 lan',
    );
  });

  it('writes connect with each alias and the address, and disconnect', () => {
    expect(
      networkConnectCommand({ network: 'backend', container: 'api', aliases: ['db', 'postgres'], ipv4: '10.10.0.5' }),
    ).toBe('docker network connect --alias db --alias postgres --ip 10.10.0.5 backend api');
    expect(networkConnectCommand({ network: 'backend', container: 'api' })).toBe('docker network connect backend api');
    expect(networkDisconnectCommand({ network: 'backend', container: 'api' })).toBe(
      'docker network disconnect backend api',
    );
    expect(networkDisconnectCommand({ network: 'backend', container: 'api', force: true })).toBe(
      'docker network disconnect --force backend api',
    );
  });

  it('writes rm, inspect and the advice for two containers on the default bridge', () => {
    expect(networkRemoveCommand(['a', 'b'])).toBe('docker network rm a b');
    expect(networkInspectCommand('backend')).toBe('docker network inspect backend');
    expect(userNetworkAdvice('app-net', ['web', 'db'])).toEqual([
      'docker network create app-net',
      'docker network connect app-net web',
      'docker network connect app-net db',
    ]);
  });

  it('quotes so a shell reads back the same words', () => {
    const line = networkCreateCommand({ name: 'n', labels: { k: "it's $HOME" } });
    expect(splitShellWords(line).words).toEqual([
      'docker',
      'network',
      'create',
      '--driver',
      'bridge',
      '--label',
      "k=it's $HOME",
      'n',
    ]);
  });
});
