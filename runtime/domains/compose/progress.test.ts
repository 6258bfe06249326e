// Real output of docker-compose 1.29 and podman-compose 1.0.3, read into steps and failures.
import { describe, expect, it } from 'vitest';
import { ProgressParser, classifyFailure } from './progress';

const steps = (lines: string[]) => {
  const p = new ProgressParser();
  return {
    steps: lines
      .flatMap((l) => p.line(l))
      .map((s) => `${s.targetKind} ${s.target} ${s.state}${s.detail ? ` (${s.detail})` : ''}`),
    failed: p.failed,
  };
};

describe('ProgressParser', () => {
  it('reads docker-compose up', () => {
    expect(
      steps([
        'Creating network "cplay_back" with the default driver',
        'Creating volume "cplay_data" with default driver',
        'Building web',
        'Step 1/2 : FROM wharf-test/shell',
        ' ---> 8aa8ce00a703',
        'Successfully built 7326481e5a93',
        'Successfully tagged cplay_web:latest',
        'Pulling db ... ',
        'Pulling db ... done',
        'Creating cplay_db_1 ... ',
        'Creating cplay_db_1 ... done',
        'cplay_web_1 is up-to-date',
        'Creating f1_a_1 ... error',
        'ERROR: for a  Cannot start service a: port is already allocated',
      ]).steps,
    ).toEqual([
      'network cplay_back created',
      'volume cplay_data created',
      'service web building',
      'service web building (Step 1/2: FROM wharf-test/shell)',
      'service web built (cplay_web:latest)',
      'service db pulling',
      'service db pulled',
      'container cplay_db_1 creating',
      'container cplay_db_1 created',
      'container cplay_web_1 up-to-date',
      'container f1_a_1 error',
      'service a error (Cannot start service a: port is already allocated)',
    ]);
  });

  it('reads docker-compose down', () => {
    expect(
      steps([
        'Stopping cplay_web_1 ... ',
        'Stopping cplay_web_1 ... done',
        'Removing cplay_web_1 ... done',
        'Removing network cplay_back',
      ]).steps,
    ).toEqual([
      'container cplay_web_1 stopping',
      'container cplay_web_1 stopped',
      'container cplay_web_1 removed',
      'network cplay_back removed',
    ]);
  });

  it("reads the compose plugin's lines", () => {
    expect(
      steps([
        ' Network shop_default  Creating',
        ' Network shop_default  Created',
        ' Volume "shop_data"  Created',
        ' Container shop-db-1  Started',
        ' Container shop-web-1  Running',
        ' Container shop-web-1  Error',
      ]).steps,
    ).toEqual([
      'network shop_default creating',
      'network shop_default created',
      'volume shop_data created',
      'container shop-db-1 started',
      'container shop-web-1 up-to-date',
      'container shop-web-1 error',
    ]);
  });

  it('reads the podman commands podman-compose prints, finished by their exit code', () => {
    const got = steps([
      "['podman', '--version', '']",
      'using podman version: 4.3.1',
      "['podman', 'inspect', '-t', 'image', '-f', '{{.Id}}', 'cplay_web']",
      'podman build -t cplay_web -f ./Dockerfile .',
      'STEP 1/2: FROM wharf-test/shell',
      'exit code: 0',
      "['podman', 'volume', 'create', '--label', 'io.podman.compose.project=cplay', '--label', 'com.docker.compose.project=cplay', 'cplay_data']",
      "['podman', 'network', 'create', '--label', 'io.podman.compose.project=cplay', '--label', 'com.docker.compose.project=cplay', 'cplay_back']",
      'podman run --name=cplay_db_1 -d --label com.docker.compose.service=db -v cplay_data:/data --net cplay_back --network-alias db wharf-test/shell sh -c echo db-hello; sleep 3600',
      'a6eaa8fba94ccbab641527cc1bab65a72511d8db23a8a3a6f66e9ffe67cd046f',
      'exit code: 0',
      'podman run --name=f1_b_1 -d -p 127.0.0.1:18999:80 wharf-test/shell sleep 30',
      'Error: cannot listen on the TCP port: listen tcp4 127.0.0.1:18999: bind: address already in use',
      'exit code: 126',
      'podman run --name=shop_web_1 -d wharf-test/shell sleep 30',
      'Error: creating container storage: the container name "shop_web_1" is already in use by 2834ba566bbd. You have to remove that container to be able to reuse that name: that name is already in use',
      'exit code: 125',
      'podman start shop_web_1',
      'exit code: 0',
      'podman stop -t 10 f1_c_1',
      'Error: no container with name or ID "f1_c_1" found: no such container',
      'exit code: 125',
    ]);
    expect(got.steps).toEqual([
      'image cplay_web building',
      'image cplay_web building (Step 1/2: FROM wharf-test/shell)',
      'image cplay_web built',
      'volume cplay_data created',
      'network cplay_back created',
      'container cplay_db_1 creating',
      'container cplay_db_1 started',
      'container f1_b_1 creating',
      'container f1_b_1 error',
      'container shop_web_1 creating',
      'container shop_web_1 error',
      'container shop_web_1 starting',
      'container shop_web_1 started',
      'container f1_c_1 stopping',
      'container f1_c_1 error',
    ]);
    // A container that could not run fails the command (podman-compose itself exits 0); one that ran after all
    // (up on a running project) and stopping one already gone do not.
    expect(got.failed.map((s) => s.target)).toEqual(['f1_b_1']);
  });
});

describe('classifyFailure', () => {
  it('names a taken port (docker-compose and podman)', () => {
    const dc = classifyFailure(
      [
        'Creating f1_a_1 ... error',
        'ERROR: for f1_a_1  Cannot start service a: driver failed programming external connectivity on endpoint f1_a_1 (36cf): Bind for 127.0.0.1:18999 failed: port is already allocated',
        'ERROR: for a  Cannot start service a: driver failed programming external connectivity on endpoint f1_a_1 (36cf): Bind for 127.0.0.1:18999 failed: port is already allocated',
        'Encountered errors while bringing up the project.',
      ],
      1,
    );
    expect(dc).toMatchObject({
      service: 'f1_a_1',
      exitCode: 1,
      error: { key: 'compose.portTaken', params: { port: '127.0.0.1:18999' } },
    });
    expect(dc.error.params?.reason).toContain('port is already allocated');
    const pm = classifyFailure(
      [
        'Error: cannot listen on the TCP port: listen tcp4 127.0.0.1:18999: bind: address already in use',
        'exit code: 126',
      ],
      0,
    );
    expect(pm.error).toMatchObject({ key: 'compose.portTaken', params: { port: '127.0.0.1:18999' } });
  });

  it('names an image that cannot be pulled or found', () => {
    const dc = classifyFailure(
      [
        'Pulling a (nosuch.invalid/none:1)...',
        'Get "https://nosuch.invalid/v2/": dial tcp: lookup nosuch.invalid on 10.255.255.53:53: no such host',
      ],
      1,
    );
    expect(dc.error).toMatchObject({ key: 'compose.registryUnreachable', params: { image: 'nosuch.invalid/none:1' } });
    const pm = classifyFailure(
      [
        'Error: initializing source docker://nosuch.invalid/none:1: pinging container registry nosuch.invalid: Get "https://nosuch.invalid/v2/": dial tcp: lookup nosuch.invalid: no such host',
        'exit code: 125',
      ],
      0,
    );
    expect(pm.error).toMatchObject({ key: 'compose.registryUnreachable', params: { image: 'nosuch.invalid/none:1' } });
    expect(
      classifyFailure(
        ["ERROR: pull access denied for nosuch/image, repository does not exist or may require 'docker login'"],
        1,
      ).error,
    ).toMatchObject({
      key: 'compose.imageNotFound',
      params: { image: 'nosuch/image' },
    });
    expect(
      classifyFailure(
        ['Error: short-name "f3_a" did not resolve to an alias and no unqualified-search registries are defined'],
        0,
      ).error,
    ).toMatchObject({
      key: 'compose.imageNotFound',
      params: { image: 'f3_a' },
    });
  });

  it("names a failed build step and keeps the tool's words otherwise", () => {
    const build = classifyFailure(
      [
        'Step 2/2 : RUN exit 3',
        ' ---> Running in c772097ac335',
        "Service 'a' failed to build : The command '/bin/sh -c exit 3' returned a non-zero code: 3",
      ],
      1,
    );
    expect(build).toMatchObject({ service: 'a', error: { key: 'compose.buildFailed' } });
    const other = classifyFailure(['something odd happened'], 2);
    expect(other).toEqual({
      exitCode: 2,
      error: {
        message: 'something odd happened',
        key: 'compose.failed',
        params: { reason: 'something odd happened', code: '2' },
      },
    });
  });
});
