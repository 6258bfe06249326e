// The run form: a container run from the form has the `docker inspect` that
// the shown command gives when run with the docker CLI; bad input is named in
// the form and creates nothing; a pasted command fills the same form and its
// unsupported flags are named.
import { createServer } from 'node:net';
import { runInspectFields } from '../runtime/domains/run/compare';
import { expect, test } from './fixtures';
import { RunPage } from './pages/run-page';
import { SettingsPage } from './pages/settings-page';
import { testDir, testImage } from './support/env';
import { freePort } from './support/ports';
import { screenshot } from './support/screenshots';

const SLEEP = `sh -c 'trap "exit 0" TERM; sleep 3600 & wait'`;

test.describe('Run a container', () => {
  test('the form runs the container its shown command makes with the docker CLI', async ({ page, wharf, docker }) => {
    const name = docker.name('run-form');
    const cliName = docker.name('run-cli');
    const volume = docker.volumeName('run-data');
    const network = `e2e-run-net-${docker.suffix}`;
    await docker.run(['volume', 'create', volume]);
    await docker.run(['network', 'create', network]);
    const port = await freePort();

    try {
      const run = new RunPage(page, wharf);
      await run.open(testImage());
      await run.fill({
        name,
        command: SLEEP,
        env: ['GREETING=two words'],
        ports: [{ hostIp: '127.0.0.1', hostPort: String(port), containerPort: '80' }],
        volumes: [{ type: 'volume', source: volume, target: '/data' }],
        restart: 'unless-stopped',
        memory: '64m',
        cpus: '0.5',
      });
      await test.step('import a .env file: its good lines become rows, a bad one is named', async () => {
        await run.envFile.setInputFiles({
          name: 'app.env',
          mimeType: 'text/plain',
          buffer: Buffer.from("# settings\nQUOTE=it's\nNOT A VARIABLE\n"),
        });
        await expect(run.form.getByRole('status').filter({ hasText: '1 variable read from app.env.' })).toContainText(
          'Line 3 left out',
        );
        await expect(run.envRow(2)).toHaveValue("QUOTE=it's");
      });
      await test.step('choose a network the engine lists', async () => {
        await expect(run.network.locator('option', { hasText: `${network} (bridge)` })).toHaveCount(1);
        await run.network.selectOption(network);
      });

      const command = await test.step('read the shown command', async () => {
        const text = await run.commandText();
        expect(text).toContain(`--name ${name}`);
        expect(text).toContain(`-p 127.0.0.1:${port}:80`);
        expect(text).toContain(`-e 'GREETING=two words'`);
        expect(text).toContain(`-e 'QUOTE=it'\\''s'`);
        expect(text).toContain(`-v ${volume}:/data`);
        expect(text).toContain(`--network ${network}`);
        expect(text).toContain('--restart unless-stopped');
        expect(text).toContain('--cpus 0.5 -m 64m');
        expect(text).toContain(`${testImage()} sh -c 'trap "exit 0" TERM; sleep 3600 & wait'`);
        return text;
      });
      await screenshot(page, 'run-form-en');

      await test.step('pasting the shown command gives the same form back', async () => {
        await run.paste(command);
        await expect(run.pasteResult).toContainText('The form was filled from the command.');
        await expect(run.unsupported).toHaveCount(0);
        await expect(run.shownCommand).toHaveText(command);
        await expect(run.name).toHaveValue(name);
        await expect(run.envRow(2)).toHaveValue("QUOTE=it's");
        await expect(run.network).toHaveValue(network);
      });

      const id = await test.step('run it from the form and land on the new container', async () => {
        await run.runButton.click();
        await expect(page).toHaveURL(/#\/containers\/[0-9a-f]{64}$/, { timeout: 30_000 });
        await expect(page.getByRole('tablist', { name: 'Container details' })).toBeVisible();
        await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
        await expect(run.commandBar).toContainText(`--name ${name}`);
        return new URL(page.url()).hash.split('/')[2];
      });

      const mine = await docker.inspect(name);
      expect(mine.Id).toBe(id);
      expect(mine.State.Status).toBe('running');

      const cli =
        await test.step('run the shown command with the docker CLI (renamed) and compare docker inspect', async () => {
          // The same host port cannot be published twice at once.
          await docker.run(['rm', '-f', name]);
          await docker.shell(command.replace(`--name ${name}`, `--name ${cliName}`));
          return docker.inspect(cliName);
        });
      expect(runInspectFields(mine)).toEqual(runInspectFields(cli));
      // And the values themselves, so two equal mistakes cannot pass.
      expect(runInspectFields(mine)).toMatchObject({
        Cmd: ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'],
        Env: expect.arrayContaining(['GREETING=two words', "QUOTE=it's"]),
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
        Binds: [`${volume}:/data`],
        NetworkMode: network,
        RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
        Memory: 64 * 1024 * 1024,
        NanoCpus: 500_000_000,
      });
    } finally {
      await docker.run(['rm', '-f', name, cliName]).catch(() => undefined);
      await docker.run(['network', 'rm', network]).catch(() => undefined);
    }
  });

  test('bad input is named in the form and nothing is created', async ({ page, wharf, docker }) => {
    const name = docker.name('run-bad');
    const holder = docker.name('run-holder');
    const held = await freePort();
    await docker.runDetached(holder, ['-p', `127.0.0.1:${held}:80`]);

    const run = new RunPage(page, wharf);
    await run.open(testImage());
    await run.fill({
      name,
      env: ['1BAD=x', 'NOEQUALS'],
      ports: [
        { hostIp: '127.0.0.1', hostPort: String(held), containerPort: '80' },
        { hostPort: '99999', containerPort: '80' },
      ],
    });
    await test.step('each bad field says what is wrong', async () => {
      await expect(run.fieldError('env.0')).toHaveText(
        '"1BAD" is not a variable name: letters, digits and "_", not starting with a digit.',
      );
      await expect(run.fieldError('env.1')).toHaveText('"NOEQUALS" has no "=": write KEY=value.');
      await expect(run.fieldError('ports.0.hostPort')).toHaveText(
        `Host port ${held} is taken by the running container ${holder}.`,
      );
      await expect(run.fieldError('ports.1.hostPort')).toHaveText(
        '"99999" is not a port: a whole number from 1 to 65535.',
      );
      await expect(run.envRow(1)).toHaveAttribute('aria-invalid', 'true');
      await expect(run.shownCommand).toHaveAttribute('data-valid', 'false');
      await expect(run.copy).toBeDisabled();
    });
    await test.step('Run refuses and creates nothing', async () => {
      await run.runButton.click();
      await expect(page.getByRole('alert').filter({ hasText: '4 fields need fixing' })).toBeVisible();
      expect(await docker.state(name)).toBe('missing');
    });
    await screenshot(page, 'run-form-invalid-en');

    await test.step('a port another program holds is refused by the runtime before anything is created', async () => {
      const server = createServer();
      const other = await new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
      );
      try {
        await run.envRow(1).fill('GOOD=1');
        await run.form.getByRole('button', { name: 'Remove variable 2' }).click();
        await run.form.getByRole('button', { name: 'Remove port 2' }).click();
        await run.portField(1, 'Host port').fill(String(other));
        await expect(run.fieldErrors).toHaveCount(0);
        await expect(run.shownCommand).toHaveAttribute('data-valid', 'true');
        await run.runButton.click();
        await expect(page.getByRole('alert').filter({ hasText: 'The container was not started' })).toContainText(
          `Host port 127.0.0.1:${other}/tcp is taken by another program on this machine.`,
        );
        expect(await docker.state(name)).toBe('missing');
        await expect(page).toHaveURL(/#\/run\//);
      } finally {
        server.close();
      }
    });
  });

  test('a pasted command fills the form; unsupported flags are named', async ({ page, wharf }) => {
    const run = new RunPage(page, wharf);
    await run.open();
    const pasted = `docker run -d --name web -p 127.0.0.1:8080:80/udp -e 'A=one two' -e B=2 -v data:/data -v /srv/site:/site:ro --network host --restart on-failure:3 -m 128m --cpus 1.5 -it --rm=false --cap-add NET_ADMIN --privileged ${testImage()} sh -c 'echo hi'`;
    await run.paste(pasted);
    await test.step('the fields hold what the command says', async () => {
      await expect(run.pasteResult).toContainText('The form was filled from the command.');
      await expect(run.image).toHaveValue(testImage());
      await expect(run.name).toHaveValue('web');
      await expect(run.command).toHaveValue(`sh -c 'echo hi'`);
      await expect(run.portField(1, 'Host address')).toHaveValue('127.0.0.1');
      await expect(run.portField(1, 'Host port')).toHaveValue('8080');
      await expect(run.portField(1, 'Container port')).toHaveValue('80');
      await expect(run.portField(1, 'Protocol')).toHaveValue('udp');
      await expect(run.envRow(1)).toHaveValue('A=one two');
      await expect(run.envRow(2)).toHaveValue('B=2');
      await expect(run.mountField(1, 'Type')).toHaveValue('volume');
      await expect(run.mountField(1, 'Volume')).toHaveValue('data');
      await expect(run.mountField(1, 'Container path')).toHaveValue('/data');
      await expect(run.mountField(2, 'Type')).toHaveValue('bind');
      await expect(run.mountField(2, 'Host folder')).toHaveValue('/srv/site');
      await expect(run.mountReadOnly(2)).toBeChecked();
      await expect(run.network).toHaveValue('host');
      await expect(run.restart).toHaveValue('on-failure');
      await expect(run.form.getByRole('textbox', { name: 'Maximum restarts', exact: true })).toHaveValue('3');
      await expect(run.memory).toHaveValue('128m');
      await expect(run.cpus).toHaveValue('1.5');
      await expect(run.interactive).toBeChecked();
      await expect(run.tty).toBeChecked();
      await expect(run.remove).not.toBeChecked();
    });
    await test.step('the flags the form cannot hold are named', async () => {
      await expect(run.pasteResult).toContainText('2 flags are not supported by the form and were left out:');
      await expect(run.unsupported).toHaveText(['--cap-add NET_ADMIN', '--privileged']);
    });
    await test.step('the shown command is the pasted one without them', async () => {
      await expect(run.shownCommand).toHaveText(
        `docker run -d -it --name web -p 127.0.0.1:8080:80/udp -e 'A=one two' -e B=2 -v data:/data -v /srv/site:/site:ro --network host --restart on-failure:3 --cpus 1.5 -m 128m ${testImage()} sh -c 'echo hi'`,
      );
    });
    await screenshot(page, 'run-form-pasted-en');

    await test.step('a command that is not docker run is refused in plain words', async () => {
      await run.paste('docker ps -a');
      await expect(page.getByRole('alert').filter({ hasText: 'This command could not be read' })).toContainText(
        'This is "docker ps", not "docker run".',
      );
    });
  });

  test('the Images page leads to the run form for an image and to the Build page', async ({
    page,
    wharf,
    imagesPage,
  }) => {
    await imagesPage.open();
    await imagesPage
      .rowFor(testImage())
      .getByRole('link', { name: `Run ${testImage()}`, exact: true })
      .click();
    const run = new RunPage(page, wharf);
    await expect(run.heading).toBeVisible();
    await expect(run.image).toHaveValue(testImage());
    await expect(run.shownCommand).toHaveText(`docker run -d ${testImage()}`);
    await imagesPage.goTo('images');
    await imagesPage.buildLink.click();
    await expect(page.getByRole('heading', { name: 'Build an image', exact: true })).toBeVisible();
  });

  test("the engine's refusals are said in Korean and nothing is left behind", async ({ page, wharf, docker }) => {
    const name = docker.name('run-ko-err');
    const holder = docker.name('run-ko-holder');
    await docker.runDetached(holder);
    const settings = new SettingsPage(page, wharf);
    await settings.open();
    await settings.chooseLanguage('ko');
    await page.goto(`${new URL(wharf.url).origin}/#/run`);
    await expect(page.getByRole('heading', { name: '컨테이너 실행', exact: true })).toBeVisible();
    const failed = page.getByRole('alert').filter({ hasText: '컨테이너를 시작하지 못했습니다' });
    const runWith = async (command: string) => {
      await page.getByRole('textbox', { name: '붙여 넣을 docker run 명령' }).fill(command);
      await page.getByRole('button', { name: '폼 채우기' }).click();
      await expect(page.getByTestId('run-command')).toHaveAttribute('data-valid', 'true');
      await page.getByRole('button', { name: '컨테이너 실행', exact: true }).click();
    };
    const missing = `${testDir()}/no-such-folder-${name}`;
    await test.step('a bind mount of a folder that is not there', async () => {
      await runWith(`docker run -d --name ${name} --mount type=bind,source=${missing},target=/data ${testImage()}`);
      await expect(failed).toContainText(`호스트 폴더 ${missing}이(가) 없습니다.`);
      await expect(failed).toContainText('먼저 엔진이 있는 컴퓨터에 폴더를 만들거나, 경로를 고치세요.');
      // The engine's own words stay visible.
      await expect(failed).toContainText('bind source path does not exist');
      expect(await docker.state(name)).toBe('missing');
    });
    await test.step('a name another container has', async () => {
      await runWith(`docker run -d --name ${holder} ${testImage()}`);
      await expect(failed).toContainText(`"${holder}" 이름은 이미 다른 컨테이너가 쓰고 있습니다.`);
    });
    await test.step('an image name the engine cannot read', async () => {
      await runWith(`docker run -d --name ${name} Wharf-Test/Busybox`);
      await expect(failed).toContainText('올바른 이미지 이름이 아닙니다.');
      await expect(failed).toContainText('invalid reference format');
      expect(await docker.state(name)).toBe('missing');
    });
    await test.step('an image that is not here and cannot be pulled (a registry nobody listens on)', async () => {
      const image = '127.0.0.1:1/wharf-none/nothing:latest';
      await runWith(`docker run -d --name ${name} ${image}`);
      await expect(failed).toContainText(`이미지 ${image}이(가) 여기에 없고, 풀(pull)하지도 못했습니다.`);
      await expect(failed).toContainText('connection refused');
      expect(await docker.state(name)).toBe('missing');
    });
    await test.step('a command the engine refuses to start', async () => {
      await runWith(`docker run -d --name ${name} ${testImage()} /no/such/program`);
      await expect(failed).toContainText('엔진이 요청을 거부했습니다: ');
      await expect(failed).toContainText('/no/such/program');
      expect(await docker.state(name)).toBe('missing');
    });
    await screenshot(page, 'run-error-ko');
  });

  test('the form in Korean (dark)', async ({ page, wharf }) => {
    const settings = new SettingsPage(page, wharf);
    await settings.open();
    await settings.chooseTheme('dark');
    await settings.chooseLanguage('ko');
    const run = new RunPage(page, wharf);
    await page.goto(`${new URL(wharf.url).origin}/#/run/${encodeURIComponent(testImage())}`);
    await expect(page.getByRole('heading', { name: '컨테이너 실행', exact: true })).toBeVisible();
    await page
      .getByRole('textbox', { name: '붙여 넣을 docker run 명령' })
      .fill(
        `docker run -d --name web -p 127.0.0.1:8080:80 -e A=1 -e '1X=2' -v data:/data --restart always --privileged ${testImage()}`,
      );
    await page.getByRole('button', { name: '폼 채우기' }).click();
    await expect(run.pasteResult).toContainText('폼이 지원하지 않아 빠진 플래그 1개');
    await expect(run.fieldError('env.1')).toContainText('변수 이름이 아닙니다');
    await page.locator('details.explainer summary').first().click();
    await screenshot(page, 'run-form-ko');
  });
});
