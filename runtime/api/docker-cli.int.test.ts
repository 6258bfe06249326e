// The command strings Wharf shows are real commands: the installed docker
// CLI documents every flag in the table, and running each string with
// `sh -c` against the dev engine does what `docker inspect` then reports.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE, dockerCli, hasDockerCli, shell, uniqueName } from '../test-support/test-engine';
import { DOCKER_CLI_FLAGS } from './docker-cli-flags';
import { containerActionCommand } from '../domains/containers/cli';

const hasCli = hasDockerCli();

describe.skipIf(!hasCli)('the flag table against the installed docker CLI', () => {
  it.each(Object.entries(DOCKER_CLI_FLAGS))('docker %s --help documents %j', (sub, flags) => {
    const help = execFileSync('docker', [...sub.split(' '), '--help'], { encoding: 'utf8' });
    const documented = new Set(help.match(/(?<=[\s,])--?[a-z][a-z-]*/g) ?? []);
    for (const flag of flags) expect(documented, `${flag} in docker ${sub} --help`).toContain(flag);
  });
});

const endpoint = process.env.WHARF_TEST_DOCKER;

describe.skipIf(!hasCli || endpoint === undefined)('generated commands run for real', () => {
  const ep = endpoint ?? '';
  const names: string[] = [];
  const cli = (...args: string[]) => dockerCli(ep, args);
  const state = async (name: string) => (await cli('inspect', '-f', '{{.State.Status}}', name)).trim();
  const create = async (...args: string[]) => {
    const name = uniqueName('wharf-cli');
    names.push(name);
    await cli('create', '--name', name, ...args, TEST_IMAGE, 'sleep', '3600');
    return name;
  };

  afterAll(async () => {
    if (names.length > 0) await cli('rm', '-f', '-v', ...names).catch(() => {});
  });

  it('start, pause, unpause, restart, stop, kill on two containers', async () => {
    const a = await create();
    const b = await create();
    const run = (action: Parameters<typeof containerActionCommand>[0]['action']) =>
      shell(ep, containerActionCommand({ action, containers: [a, b] }));

    await run('start');
    expect([await state(a), await state(b)]).toEqual(['running', 'running']);
    await run('pause');
    expect([await state(a), await state(b)]).toEqual(['paused', 'paused']);
    await run('unpause');
    expect([await state(a), await state(b)]).toEqual(['running', 'running']);
    const startedAt = (await cli('inspect', '-f', '{{.State.StartedAt}}', a)).trim();
    await shell(ep, containerActionCommand({ action: 'restart', containers: [a] }));
    expect(await state(a)).toBe('running');
    expect((await cli('inspect', '-f', '{{.State.StartedAt}}', a)).trim()).not.toBe(startedAt);
    await shell(ep, containerActionCommand({ action: 'kill', containers: [a] }));
    expect(await state(a)).toBe('exited');
    expect((await cli('inspect', '-f', '{{.State.ExitCode}}', a)).trim()).toBe('137');
    await shell(ep, containerActionCommand({ action: 'stop', containers: [b] }));
    expect(await state(b)).toBe('exited');
  });

  it('rm -f removes a running container; rm -v also its anonymous volume', async () => {
    const running = await create();
    await cli('start', running);
    await shell(ep, containerActionCommand({ action: 'remove', containers: [running], force: true }));
    await expect(cli('inspect', running)).rejects.toThrow(/no such/i);

    const withVolume = await create('-v', '/scratch');
    const volume = (await cli('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', withVolume)).trim();
    expect(volume).not.toBe('');
    await shell(ep, containerActionCommand({ action: 'remove', containers: [withVolume], removeVolumes: true }));
    await expect(cli('inspect', withVolume)).rejects.toThrow(/no such/i);
    await expect(cli('volume', 'inspect', volume)).rejects.toThrow(/no such volume/i);

    const plain = await create('-v', '/scratch');
    const kept = (await cli('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', plain)).trim();
    await shell(ep, containerActionCommand({ action: 'remove', containers: [plain] }));
    expect((await cli('volume', 'inspect', '-f', '{{.Name}}', kept)).trim()).toBe(kept);
    await cli('volume', 'rm', kept);
  });
});
