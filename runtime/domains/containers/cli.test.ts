// Rename, commit, update and export: each flag one the CLI documents (the
// flag table, itself checked against `docker … --help`), quoted for a shell.
import { describe, expect, it } from 'vitest';
import { DOCKER_CLI_FLAGS } from '../../api/docker-cli-flags';
import { type CommandInputs, type CommandName, dockerArgv, dockerCommand } from '../../api/docker-cli';
import { containerUpdateCommand } from './cli';

function flagsOf<K extends CommandName>(name: K, input: CommandInputs[K]): string[] {
  const [, sub, ...rest] = dockerArgv(name, input);
  const accepted = DOCKER_CLI_FLAGS[sub!];
  expect(accepted, `flag table for docker ${sub}`).toBeDefined();
  const flags = rest.filter((a) => a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)).map((a) => a.split('=')[0]!);
  for (const flag of flags) expect(accepted).toContain(flag);
  return flags;
}

describe('container convenience commands', () => {
  it('rename', () => {
    expect(dockerCommand('container.rename', { container: 'web', name: 'web-old' })).toBe('docker rename web web-old');
  });

  it('commit with an author, a message, changes and no pause', () => {
    const input = {
      container: 'web',
      image: 'me/web:v2',
      author: 'Ada <ada@example.com>',
      message: "it's done",
      changes: ['CMD ["sh"]', 'ENV A=b'],
      pause: false,
    };
    expect(flagsOf('container.commit', input)).toEqual(['--author', '--message', '--change', '--change', '--pause']);
    expect(dockerCommand('container.commit', input)).toBe(
      `docker commit --author 'Ada <ada@example.com>' --message 'it'\\''s done' --change 'CMD ["sh"]' ` +
        `--change 'ENV A=b' --pause=false web me/web:v2`,
    );
    expect(dockerCommand('container.commit', { container: 'web' })).toBe('docker commit web');
  });

  it('update of the restart policy and every limit', () => {
    const line = containerUpdateCommand('web', {
      restart: 'on-failure',
      restartMaxRetries: 3,
      memory: '256m',
      memorySwap: '-1',
      cpus: 1.5,
      pidsLimit: 200,
    });
    expect(line).toBe(
      'docker update --restart on-failure:3 --memory 256m --memory-swap -1 --cpus 1.5 --pids-limit 200 web',
    );
    expect(
      flagsOf('container.update', { containers: ['web'], restart: 'always', memory: '1g', cpus: 1, pidsLimit: -1 }),
    ).toEqual(['--restart', '--memory', '--cpus', '--pids-limit']);
    expect(containerUpdateCommand('web', { restart: 'unless-stopped' })).toBe(
      'docker update --restart unless-stopped web',
    );
  });

  it('export to a file', () => {
    expect(flagsOf('container.export', { container: 'web', output: 'web.tar' })).toEqual(['--output']);
    expect(dockerCommand('container.export', { container: 'my web', output: 'my web.tar' })).toBe(
      "docker export --output 'my web.tar' 'my web'",
    );
  });
});
