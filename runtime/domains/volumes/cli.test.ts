// Volume, cp, rename, run and create commands: each flag one the CLI documents
// for its subcommand (the flag table, itself checked against `docker … --help`).
import { describe, expect, it } from 'vitest';
import { DOCKER_CLI_FLAGS } from '../../api/docker-cli-flags';
import { type CommandInputs, type CommandName, dockerArgv, dockerCommand } from '../../api/docker-cli';

/** Flags of an argv, checked against the table for its (one- or two-word) subcommand. */
function checkFlags<K extends CommandName>(name: K, input: CommandInputs[K]): string[] {
  const [, first, second, ...rest] = dockerArgv(name, input);
  const two = `${first} ${second}`;
  const sub = DOCKER_CLI_FLAGS[two] !== undefined ? two : (first ?? '');
  const args = DOCKER_CLI_FLAGS[two] !== undefined ? rest : [second ?? '', ...rest];
  const accepted = DOCKER_CLI_FLAGS[sub];
  expect(accepted, `flag table for docker ${sub}`).toBeDefined();
  // Only what comes before the image: after it, words belong to the container's command.
  const image = (input as { image?: string }).image;
  const before = image !== undefined && args.includes(image) ? args.slice(0, args.indexOf(image)) : args;
  const flags = before.filter((a) => a.startsWith('-') && a.length > 1);
  for (const flag of flags) expect(accepted).toContain(flag);
  return flags;
}

describe('volume commands', () => {
  it('create with driver, options and labels', () => {
    const input = {
      name: 'data',
      driver: 'nfs',
      driverOptions: { type: 'nfs', o: 'addr=10.0.0.1' },
      labels: { team: 'a b' },
    };
    expect(dockerCommand('volume.create', input)).toBe(
      "docker volume create --driver nfs --opt type=nfs --opt o=addr=10.0.0.1 --label 'team=a b' data",
    );
    expect(checkFlags('volume.create', input)).toEqual(['--driver', '--opt', '--opt', '--label']);
    expect(dockerCommand('volume.create', { driver: 'local' })).toBe('docker volume create');
  });

  it('rm, prune, inspect', () => {
    expect(dockerCommand('volume.rm', { volumes: ['a', 'b'] })).toBe('docker volume rm a b');
    expect(dockerCommand('volume.prune', { all: true, force: true })).toBe('docker volume prune --all -f');
    expect(checkFlags('volume.prune', { all: true, force: true, filters: ['x=y'] })).toEqual([
      '--all',
      '-f',
      '--filter',
    ]);
    expect(dockerCommand('volume.inspect', { volumes: ['a'] })).toBe('docker volume inspect a');
  });
});

describe('container commands for files and mounts', () => {
  it('cp and rename', () => {
    expect(dockerCommand('container.cp', { from: 'web:/etc/nginx', to: './nginx', archive: true })).toBe(
      'docker cp -a web:/etc/nginx ./nginx',
    );
    expect(dockerCommand('container.rename', { container: 'web', name: 'web-old' })).toBe('docker rename web web-old');
  });

  it('run for a helper: --rm, mounts, image, command', () => {
    const input = {
      rm: true,
      mounts: [
        { type: 'volume' as const, source: 'src', target: '/from', readOnly: true },
        { type: 'volume' as const, source: 'dst', target: '/to' },
      ],
      image: 'busybox',
      command: ['cp', '-a', '/from/.', '/to/'],
    };
    expect(dockerCommand('container.run', input)).toBe(
      'docker run --rm --mount type=volume,source=src,target=/from,readonly --mount type=volume,source=dst,target=/to busybox cp -a /from/. /to/',
    );
    expect(checkFlags('container.run', input)).toEqual(['--rm', '--mount', '--mount']);
  });

  it('create carries the whole configuration; the entrypoint takes its first word only', () => {
    const input = {
      name: 'web',
      image: 'nginx:1.27',
      entrypoint: ['/docker-entrypoint.sh', '--quiet'],
      command: ['nginx', '-g', 'daemon off;'],
      env: ['A=b c'],
      ports: ['127.0.0.1:8080:80'],
      labels: { app: 'web' },
      mounts: [{ type: 'bind' as const, source: '/srv/my,site', target: '/usr/share/nginx/html', readOnly: true }],
      restart: 'unless-stopped',
      network: 'shop',
      user: '101',
      workdir: '/app',
      tty: true,
    };
    const argv = dockerArgv('container.create', input);
    expect(argv.slice(-5)).toEqual(['nginx:1.27', '--quiet', 'nginx', '-g', 'daemon off;']);
    expect(argv).toContain('type=bind,"source=/srv/my,site",target=/usr/share/nginx/html,readonly');
    expect(argv[argv.indexOf('--entrypoint') + 1]).toBe('/docker-entrypoint.sh');
    checkFlags('container.create', input);
    expect(dockerArgv('container.create', { image: 'x', entrypoint: [] })).toEqual([
      'docker',
      'create',
      '--entrypoint',
      '',
      'x',
    ]);
  });
});
