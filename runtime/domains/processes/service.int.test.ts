// processes.top against the real engines: the rows are the processes
// `docker top` (Docker) and `podman top` (Podman) list, with the PID inside.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngine,
  dockerCli,
  TEST_IMAGE,
  type TestEngine,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { createProcessesService } from './service';

function podmanCli(endpoint: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('podman', ['--url', endpoint, ...args], { timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(stdout),
    );
  });
}

/** Columns of a ps-style table: the last column (the command) keeps its spaces. */
function table(text: string, columns: number): string[][] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const words = line.trim().split(/\s+/);
      return [...words.slice(0, columns - 1), words.slice(columns - 1).join(' ')];
    });
}

describe.each(testEndpoints())('processes.top on $kind', ({ kind, endpoint }) => {
  const name = uniqueName('wharf-top');
  const stopped = uniqueName('wharf-top-stopped');
  let engine: TestEngine;

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    await dockerCli(endpoint, ['run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'sleep 1001 & sleep 1002 & wait']);
    await dockerCli(endpoint, ['create', '--name', stopped, TEST_IMAGE, 'true']);
  });

  afterAll(async () => {
    await dockerCli(endpoint, ['rm', '-f', name, stopped]).catch(() => {});
    await engine?.dispose();
  });

  it('lists the processes the CLI top lists, with host PIDs and PIDs inside', async () => {
    const list = await createProcessesService(engine).requests['processes.top']({ id: name });
    expect(list.command).toBe(`docker top ${name}`);
    expect(list.running).toBe(true);
    const cli =
      kind === 'docker'
        ? table(await dockerCli(endpoint, ['top', name, '-eo', 'pid,args']), 2).map(([hostPid, command]) => ({
            hostPid: Number(hostPid),
            command,
          }))
        : table(await podmanCli(endpoint, ['top', name, 'hpid', 'args']), 2).map(([hostPid, command]) => ({
            hostPid: Number(hostPid),
            command,
          }));
    const mine = list.rows.map((r) => ({ hostPid: r.hostPid, command: r.command }));
    expect(mine.sort((a, b) => a.hostPid - b.hostPid)).toEqual(cli.sort((a, b) => a.hostPid - b.hostPid));
    // The first process is PID 1 inside, another number on the host.
    const first = list.rows.find((r) => r.command.startsWith('sh -c'));
    expect(first?.pid).toBe(1);
    expect(first?.hostPid).not.toBe(1);
    expect(list.rows.find((r) => r.command === 'sleep 1001')?.pid).toBeGreaterThan(1);
    expect(list.insideFrom).toBe(kind === 'docker' ? 'exec' : 'engine');
  });

  it('says a stopped container has no processes', async () => {
    const list = await createProcessesService(engine).requests['processes.top']({ id: stopped });
    expect(list).toMatchObject({ running: false, rows: [] });
  });
});
