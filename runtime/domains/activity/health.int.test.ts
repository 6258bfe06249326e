// Health against the real engines: a failing health check turns the
// container unhealthy in the list data, and its page has the check's runs.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainersService } from '../containers/service';
import {
  createTestEngine,
  dockerCli,
  TEST_IMAGE,
  type TestEngine,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

describe.each(testEndpoints())('health on $kind', ({ kind, endpoint }) => {
  const sick = uniqueName('wharf-sick');
  const well = uniqueName('wharf-well');
  let engine: TestEngine;

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    const check = (cmd: string) => [
      '--health-cmd',
      cmd,
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      '--health-timeout',
      '5s',
    ];
    await dockerCli(endpoint, [
      'run',
      '-d',
      '--name',
      sick,
      ...check('echo checking; exit 1'),
      TEST_IMAGE,
      'sleep',
      '300',
    ]);
    await dockerCli(endpoint, ['run', '-d', '--name', well, ...check('true'), TEST_IMAGE, 'sleep', '300']);
    // Podman runs health checks from systemd timers; without systemd, the test runs them.
    if (kind === 'podman') {
      for (const name of [sick, well]) {
        await new Promise((resolve) =>
          execFile('podman', ['--url', endpoint, 'healthcheck', 'run', name], () => resolve(undefined)),
        );
      }
    }
  });

  afterAll(async () => {
    await dockerCli(endpoint, ['rm', '-f', sick, well]).catch(() => {});
    await engine?.dispose();
  });

  it('shows the failing one unhealthy and the passing one healthy in the list', async () => {
    const containers = createContainersService(engine);
    const end = Date.now() + 20_000;
    let rows = await containers.requests['containers.list']({});
    const settled = () =>
      rows.find((r) => r.name === sick)?.health === 'unhealthy' &&
      rows.find((r) => r.name === well)?.health === 'healthy';
    while (!settled() && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 300));
      rows = await containers.requests['containers.list']({});
    }
    expect(rows.find((r) => r.name === sick)?.health).toBe('unhealthy');
    expect(rows.find((r) => r.name === well)?.health).toBe('healthy');
    const inspect = await containers.requests['containers.inspect']({ id: sick });
    expect(inspect.details.health).toMatchObject({ status: 'unhealthy', test: ['echo checking; exit 1'] });
    expect(inspect.details.health?.log.at(-1)).toMatchObject({
      exitCode: 1,
      output: expect.stringContaining('checking') as string,
    });
  });
});
