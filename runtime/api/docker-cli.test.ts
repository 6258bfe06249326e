import { describe, expect, it } from 'vitest';
import type { ContainerAction } from '../domains/containers/types';
import { DOCKER_CLI_FLAGS } from './docker-cli-flags';
import { splitShellWords } from './shell-words';
import { containerActionCommand } from '../domains/containers/cli';
import { dockerArgv, dockerCommand } from './docker-cli';

/** The words a shell reads; nothing in a command Wharf shows is left for the shell to expand. */
function shellWords(line: string): string[] {
  const { words, warnings } = splitShellWords(line);
  expect(warnings).toEqual([]);
  return words;
}

/** Splits `docker <sub> [flags] args` and checks each flag is one the CLI documents for <sub>. */
function parseDocker(line: string): { sub: string; flags: string[]; args: string[] } {
  const [docker, sub, ...rest] = shellWords(line);
  expect(docker).toBe('docker');
  expect(sub).toBeDefined();
  const accepted = DOCKER_CLI_FLAGS[sub!];
  expect(accepted, `no flag table for docker ${sub}`).toBeDefined();
  const flags: string[] = [];
  let i = 0;
  while (i < rest.length && rest[i]!.startsWith('-')) {
    const word = rest[i++]!;
    // Combined short flags (-it) are -i and -t.
    if (/^-[a-z]{2,}$/.test(word)) flags.push(...[...word.slice(1)].map((c) => `-${c}`));
    else flags.push(word);
    // A flag that takes a value: the next word is its value, not an argument.
    if (VALUE_FLAGS.has(word)) i++;
  }
  for (const flag of flags) expect(accepted).toContain(flag);
  return { sub: sub!, flags, args: rest.slice(i) };
}

const VALUE_FLAGS = new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '--detach-keys']);

describe('container action commands', () => {
  const cases: Array<[ContainerAction, string]> = [
    ['start', 'docker start web'],
    ['stop', 'docker stop web'],
    ['restart', 'docker restart web'],
    ['kill', 'docker kill web'],
    ['pause', 'docker pause web'],
    ['unpause', 'docker unpause web'],
    ['remove', 'docker rm web'],
  ];

  it.each(cases)('%s → %s', (action, expected) => {
    const command = containerActionCommand({ action, containers: ['web'] });
    expect(command).toBe(expected);
    const parsed = parseDocker(command);
    expect(parsed.args).toEqual(['web']);
  });

  it('names every target, in order', () => {
    const command = containerActionCommand({ action: 'stop', containers: ['web', 'db', 'cache'] });
    expect(command).toBe('docker stop web db cache');
    expect(parseDocker(command).args).toEqual(['web', 'db', 'cache']);
  });

  it('remove carries -v and -f only when asked', () => {
    expect(containerActionCommand({ action: 'remove', containers: ['web'], removeVolumes: true })).toBe(
      'docker rm -v web',
    );
    expect(containerActionCommand({ action: 'remove', containers: ['web'], force: true })).toBe('docker rm -f web');
    const both = containerActionCommand({
      action: 'remove',
      containers: ['web', 'db'],
      force: true,
      removeVolumes: true,
    });
    expect(both).toBe('docker rm -f -v web db');
    expect(parseDocker(both)).toEqual({ sub: 'rm', flags: ['-f', '-v'], args: ['web', 'db'] });
    expect(containerActionCommand({ action: 'remove', containers: ['web'], removeVolumes: false, force: false })).toBe(
      'docker rm web',
    );
    expect(containerActionCommand({ action: 'stop', containers: ['web'], removeVolumes: true, force: true })).toBe(
      'docker stop web',
    );
  });

  it('quotes a target that needs it, so the line still names it exactly', () => {
    const command = containerActionCommand({ action: 'start', containers: ['odd name'] });
    expect(command).toBe("docker start 'odd name'");
    expect(parseDocker(command).args).toEqual(['odd name']);
  });

  it('argv starts with docker and the subcommand', () => {
    expect(dockerArgv('container.remove', { containers: ['a'], volumes: true })).toEqual(['docker', 'rm', '-v', 'a']);
  });
});

describe('terminal commands', () => {
  it('exec with a terminal is docker exec -it', () => {
    const command = dockerCommand('container.exec', { container: 'web', command: ['sh'], tty: true });
    expect(command).toBe('docker exec -it web sh');
    expect(parseDocker(command)).toEqual({ sub: 'exec', flags: ['-i', '-t'], args: ['web', 'sh'] });
  });

  it('exec carries user and working directory, quoted where needed', () => {
    const command = dockerCommand('container.exec', {
      container: 'web',
      command: ['bash', '-c', 'echo $HOME'],
      tty: true,
      user: 'root',
      workdir: '/srv/my app',
    });
    expect(command).toBe("docker exec -it -u root -w '/srv/my app' web bash -c 'echo $HOME'");
    expect(parseDocker(command)).toEqual({
      sub: 'exec',
      flags: ['-i', '-t', '-u', '-w'],
      args: ['web', 'bash', '-c', 'echo $HOME'],
    });
  });

  it('exec leaves out empty options', () => {
    expect(
      dockerCommand('container.exec', { container: 'db', command: ['sh'], tty: true, user: '', workdir: '' }),
    ).toBe('docker exec -it db sh');
  });

  it('attach names the container', () => {
    const command = dockerCommand('container.attach', { container: 'web' });
    expect(command).toBe('docker attach web');
    expect(parseDocker(command)).toEqual({ sub: 'attach', flags: [], args: ['web'] });
  });
});

describe('inspect and rmi, as the renderer shows them', () => {
  it('docker inspect, docker image inspect, docker rmi [-f]', () => {
    expect(dockerCommand('container.inspect', { containers: ['web'] })).toBe('docker inspect web');
    expect(dockerCommand('image.inspect', { images: ['nginx:1'] })).toBe('docker image inspect nginx:1');
    expect(dockerCommand('image.rmi', { images: ['a:1', 'b'], force: false })).toBe('docker rmi a:1 b');
    expect(dockerCommand('image.rmi', { images: ['a:1'], force: true })).toBe('docker rmi -f a:1');
    expect(parseDocker(dockerCommand('image.rmi', { images: ['a:1'], force: true })).flags).toEqual(['-f']);
    expect(DOCKER_CLI_FLAGS['image inspect']).toBeDefined();
  });
});
