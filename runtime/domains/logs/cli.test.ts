// The logs and inspect commands the details page shows.
import { describe, expect, it } from 'vitest';
import { DOCKER_CLI_FLAGS } from '../../api/docker-cli-flags';
import { dockerArgv, dockerCommand } from '../../api/docker-cli';

/** Flags (and the values of those that take one) before the container name, checked against the table. */
function flagsOf(argv: string[], sub: string, valued: readonly string[]): string[] {
  expect(argv.slice(0, 2)).toEqual(['docker', sub]);
  const flags: string[] = [];
  for (let i = 2; i < argv.length - 1; i++) {
    const flag = argv[i]!;
    expect(DOCKER_CLI_FLAGS[sub]).toContain(flag);
    flags.push(flag);
    if (valued.includes(flag)) flags.push(argv[++i]!);
  }
  return flags;
}

describe('docker logs', () => {
  it('shows follow and tail as a user types them', () => {
    expect(dockerCommand('container.logs', { container: 'web', follow: true, tail: 500 })).toBe(
      'docker logs -f --tail 500 web',
    );
  });

  it('leaves out what is the CLI default', () => {
    expect(dockerCommand('container.logs', { container: 'web' })).toBe('docker logs web');
    expect(dockerCommand('container.logs', { container: 'web', tail: 'all', follow: false, timestamps: false })).toBe(
      'docker logs web',
    );
  });

  it('shows since as a UTC time and timestamps as -t, every flag one the CLI documents', () => {
    const since = Date.UTC(2024, 2, 1, 10, 30) / 1000;
    const argv = dockerArgv('container.logs', { container: 'web', follow: true, tail: 0, since, timestamps: true });
    expect(argv.join(' ')).toBe('docker logs -f --tail 0 --since 2024-03-01T10:30:00Z -t web');
    expect(flagsOf(argv, 'logs', ['--tail', '--since'])).toEqual([
      '-f',
      '--tail',
      '0',
      '--since',
      '2024-03-01T10:30:00Z',
      '-t',
    ]);
    expect(argv.at(-1)).toBe('web');
  });

  it('quotes an odd container name', () => {
    expect(dockerCommand('container.logs', { container: 'a b', tail: 10 })).toBe("docker logs --tail 10 'a b'");
  });
});

describe('docker inspect', () => {
  it('names the container', () => {
    expect(dockerCommand('container.inspect', { containers: ['web'] })).toBe('docker inspect web');
  });
});
