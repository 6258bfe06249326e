// The Build page: the busybox test image built through Wharf's build path from
// a folder on the runtime's machine (its .dockerignore honoured) with
// BuildKit named as the builder, a second build served from the cache, two
// stages at once, a cache mount, the classic builder on request, and a
// failing RUN shown with its output.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { BuildPage } from './pages/build-page';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { testDir, testImage } from './support/env';
import { screenshot } from './support/screenshots';

function contextFolder(stamp: string): string {
  const dir = join(testDir(), `build-${stamp}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${testImage()}`,
      `RUN echo "stamp ${stamp}" > /stamp.txt`,
      'COPY hello.txt /hello.txt',
      'COPY . /ctx',
      'RUN ls -a /ctx && cat /hello.txt',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, '.dockerignore'), 'secret.txt\n*.log\n');
  writeFileSync(join(dir, 'hello.txt'), 'hello from the context\n');
  writeFileSync(join(dir, 'secret.txt'), 'never sent\n');
  writeFileSync(join(dir, 'debug.log'), 'never sent either\n');
  return dir;
}

test.describe('Build an image', () => {
  test('builds from a folder, honours .dockerignore, and a second build comes from the cache', async ({
    page,
    wharf,
    docker,
  }) => {
    const stamp = randomBytes(4).toString('hex');
    const dir = contextFolder(stamp);
    const tag = `e2e-build-${stamp}:v1`;
    const build = new BuildPage(page, wharf);
    try {
      await build.open();
      await build.folder.fill(dir);
      await build.tags.fill(tag);
      await test.step('the page says beforehand which builder will build', async () => {
        await expect(build.nextBuilder).toHaveText(/^This build will use BuildKit\. This Docker engine has BuildKit/);
      });
      await test.step('the command is shown as the form changes', async () => {
        await expect(build.shownCommand).toHaveAttribute('data-valid', 'true');
        await expect(build.shownCommand).toHaveText(`DOCKER_BUILDKIT=1 docker build -t ${tag} ${dir}`);
      });

      await build.build();
      await test.step('BuildKit is named as the builder, with why', async () => {
        await expect(build.builder).toHaveAttribute('data-builder', 'buildkit');
        await expect(build.builder).toContainText('Builder: BuildKit.');
        await expect(build.builder).toContainText('This Docker engine has BuildKit');
      });
      await test.step('the first build runs every step', async () => {
        // BuildKit may find the base image (FROM) already in its cache; the steps after it all run.
        await expect(build.summary).toHaveText(/^Built\. [01] of 5 steps from the cache\./);
        await expect(build.context).toHaveText(
          /^Sent 3 files \(\d+ B\) to the engine; 2 left out by \.dockerignore\.$/,
        );
        await expect(build.steps).toHaveCount(5);
        await expect(build.cachedSteps().filter({ hasNotText: 'FROM ' })).toHaveCount(0);
        await expect(build.steps.filter({ hasText: 'COPY hello.txt /hello.txt' })).toHaveAttribute(
          'data-state',
          'done',
        );
        // BuildKit's own steps are there on request.
        await expect(build.steps.filter({ hasText: 'load build definition' })).toHaveCount(0);
        // What reached the engine: the ignored files were never sent.
        await expect(build.log).toContainText('hello from the context');
        await expect(build.log).toContainText('hello.txt');
        await expect(build.log).not.toContainText('secret.txt');
        await expect(build.log).not.toContainText('debug.log');
      });
      const first = await docker.inspectImage(tag);

      await build.build();
      await test.step('the second build takes every step after FROM from the cache, as CACHED', async () => {
        await expect(build.summary).toHaveText(/^Built\. [45] of 5 steps from the cache\./);
        await expect(build.cachedSteps().filter({ hasNotText: 'FROM ' })).toHaveCount(4);
        await expect(build.cachedSteps().first()).toContainText('CACHED');
        await expect(build.cachedSteps().filter({ hasText: 'COPY hello.txt /hello.txt' })).toHaveAttribute(
          'data-state',
          'cached',
        );
        await expect(build.log).toContainText(/#\d+ CACHED/);
      });
      expect((await docker.inspectImage(tag)).Id).toBe(first.Id);
      await build.output.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'build-cached-en');

      await test.step('the built image can be run from here', async () => {
        await page.getByRole('link', { name: 'Run this image' }).click();
        await expect(page).toHaveURL(new RegExp(`#/run/${encodeURIComponent(tag)}$`));
        await expect(
          page.getByRole('form', { name: 'Run form' }).getByRole('combobox', { name: 'Image', exact: true }),
        ).toHaveValue(tag);
      });
    } finally {
      await docker.run(['rmi', '-f', tag]).catch(() => undefined);
    }
  });

  test('a folder chosen in the browser is copied to the runtime and built, .dockerignore honoured', async ({
    page,
    wharf,
    docker,
  }) => {
    const stamp = randomBytes(4).toString('hex');
    const dir = contextFolder(stamp);
    const tag = `e2e-build-picked-${stamp}:v1`;
    const build = new BuildPage(page, wharf);
    try {
      await build.open();
      await test.step('choose the folder in the browser', async () => {
        await build.folderPicker.setInputFiles(dir);
        await expect(build.picked).toHaveText(
          new RegExp(`^build-${stamp} from this computer: 5 files \\(\\d+ B\\) copied`),
        );
        await expect(build.folder).toHaveValue(new RegExp(`wharf-context-[^/]+/build-${stamp}$`));
      });
      await screenshot(page, 'build-picked-en');
      await build.tags.fill(tag);
      await build.build();
      await expect(build.summary).toHaveText(/^Built\. [01] of 5 steps from the cache\./);
      await expect(build.context).toHaveText(/^Sent 3 files \(\d+ B\) to the engine; 2 left out by \.dockerignore\.$/);
      await expect(build.log).toContainText('hello from the context');
      await expect(build.log).not.toContainText('secret.txt');
      expect((await docker.inspectImage(tag)).RepoTags).toContain(tag);
    } finally {
      await docker.run(['rmi', '-f', tag]).catch(() => undefined);
    }
  });

  test('a failing RUN shows the failing step and its output, on BuildKit and on the classic builder', async ({
    page,
    wharf,
  }) => {
    const build = new BuildPage(page, wharf);
    await build.open();
    await build.fromPaste.check();
    await build.dockerfileText.fill(`FROM ${testImage()}\nRUN echo about to fail && exit 3\nCMD ["sh"]\n`);
    const failedStep = build.page.locator('[data-testid="build-step"][data-state="failed"]');
    await test.step('BuildKit: the step by its place in the stage, its output open', async () => {
      await expect(build.shownCommand).toHaveText('DOCKER_BUILDKIT=1 docker build -');
      await build.build();
      await expect(build.output).toHaveAttribute('data-phase', 'failed');
      await expect(build.failure).toContainText('The build failed at step [2/2]');
      await expect(build.failure).toContainText('RUN echo about to fail && exit 3');
      await expect(build.failureOutput).toContainText('about to fail');
      await expect(failedStep).toContainText('RUN echo about to fail && exit 3');
      await expect(failedStep.getByTestId('build-step-output')).toBeVisible();
      await expect(failedStep.getByTestId('build-step-output')).toContainText('about to fail');
    });
    await build.output.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'build-failed-en');
    await test.step('the classic builder, asked for: DOCKER_BUILDKIT=0 and "step 2 of 3"', async () => {
      await build.classic.check();
      await expect(build.shownCommand).toHaveText('DOCKER_BUILDKIT=0 docker build -');
      await expect(build.nextBuilder).toHaveAttribute('data-builder', 'classic');
      await build.build();
      await expect(build.builder).toHaveAttribute('data-builder', 'classic');
      await expect(build.builder).toContainText('Builder: the classic builder. You asked for the classic builder.');
      await expect(build.failure).toContainText('The build failed at step 2 of 3');
      await expect(failedStep).toHaveAttribute('data-index', '2');
    });
  });

  test('two stages run at once, and a cache mount keeps its files for the next build', async ({
    page,
    wharf,
    docker,
  }) => {
    const stamp = randomBytes(4).toString('hex');
    const tag = `e2e-build-stages-${stamp}:v1`;
    const build = new BuildPage(page, wharf);
    const dockerfile = (run: string) =>
      [
        `FROM ${testImage()} AS left`,
        `RUN echo "left ${stamp}" > /left && sleep 2`,
        `FROM ${testImage()} AS right`,
        `RUN echo "right ${stamp}" > /right && sleep 2`,
        `FROM ${testImage()}`,
        'COPY --from=left /left /left',
        'COPY --from=right /right /right',
        `RUN --mount=type=cache,target=/cache,id=e2e-${stamp} echo "${run}" >> /cache/runs && cat /cache/runs`,
        '',
      ].join('\n');
    try {
      await build.open();
      await build.fromPaste.check();
      await build.tags.fill(tag);
      await build.dockerfileText.fill(dockerfile('run-one'));
      await build.build();
      await expect(build.summary).toHaveText(/^Built\./);
      await test.step('the two stages each ran, with how long they took', async () => {
        for (const stage of ['left', 'right']) {
          const step = build.steps.filter({ hasText: `[${stage} 2/2]` });
          await expect(step).toHaveAttribute('data-state', 'done');
          await expect(step).toContainText(/\d+\.\d s/);
        }
      });
      await build.dockerfileText.fill(dockerfile('run-two'));
      await build.build();
      await test.step('the second build: the stages from the cache, the cache mount holds both runs', async () => {
        await expect(build.steps.filter({ hasText: '[left 2/2]' })).toHaveAttribute('data-state', 'cached');
        await expect(build.steps.filter({ hasText: '[right 2/2]' })).toHaveAttribute('data-state', 'cached');
        const run = build.steps.filter({ hasText: '--mount=type=cache' });
        await expect(run).toHaveAttribute('data-state', 'done');
        await run.getByText(/^What it printed/).click();
        await expect(run.getByTestId('build-step-output')).toHaveText(/run-one\s+run-two/);
      });
      await test.step("BuildKit's own steps on request, the explainer open, axe clean in both themes", async () => {
        await page.getByRole('checkbox', { name: /^Show BuildKit's own steps/ }).check();
        await expect(build.steps.filter({ hasText: 'exporting to image' })).toHaveCount(1);
        await page.getByText(/^Layers, the build cache and BuildKit/).click();
        await expect(page.getByText(/A cache mount, RUN --mount=type=cache/)).toBeVisible();
        for (const theme of ['light', 'dark']) {
          await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
          await expectNoAxeViolations(page, `build page after a BuildKit build, ${theme}`);
        }
      });
      await build.output.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'build-buildkit-en');
    } finally {
      await docker.run(['rmi', '-f', tag]).catch(() => undefined);
    }
  });

  test('bad input is named and nothing is built', async ({ page, wharf }) => {
    const build = new BuildPage(page, wharf);
    await build.open();
    await build.folder.fill('relative/path');
    await build.tags.fill('Not A Tag');
    await expect(build.page.locator('[data-testid="field-error"][data-field="folder"]')).toHaveText(
      'Give the folder as an absolute path (starting with "/").',
    );
    await expect(build.page.locator('[data-testid="field-error"][data-field="tags"]')).toContainText(
      '"Not" is not a tag',
    );
    await build.buildButton.click();
    await expect(page.getByRole('alert').filter({ hasText: '2 fields need fixing' })).toBeVisible();
    await expect(build.output).toHaveCount(0);
  });

  test("the engine's refusals are said in Korean", async ({ page, wharf }) => {
    const settings = new SettingsPage(page, wharf);
    await settings.open();
    await settings.chooseLanguage('ko');
    await page.goto(`${new URL(wharf.url).origin}/#/build`);
    await expect(page.getByRole('heading', { name: '이미지 빌드', exact: true })).toBeVisible();
    const failed = page.getByRole('alert').filter({ hasText: '빌드를 시작하지 못했습니다' });
    const buildButton = page.getByRole('button', { name: '빌드', exact: true });
    await test.step('a Dockerfile line the engine cannot parse', async () => {
      await page.getByRole('radio', { name: '도커파일 붙여 넣기' }).check();
      await page.getByRole('textbox', { name: '도커파일', exact: true }).fill(`FROM ${testImage()}\nFROMM nothing\n`);
      await buildButton.click();
      await expect(failed).toContainText(
        '도커파일 (Dockerfile) 2번째 줄을 읽을 수 없습니다: unknown instruction: FROMM',
      );
      await expect(failed).toContainText('도커파일의 그 줄을 고친 뒤 다시 빌드하세요.');
    });
    const stamp = randomBytes(4).toString('hex');
    await test.step('a folder that is not there', async () => {
      await page.getByRole('radio', { name: 'Wharf가 실행 중인 컴퓨터의 폴더' }).check();
      const missing = join(testDir(), `no-such-build-${stamp}`);
      await page.getByRole('textbox', { name: '폴더', exact: true }).fill(missing);
      await buildButton.click();
      await expect(failed).toContainText(`폴더 ${missing}이(가) 없습니다.`);
    });
    await test.step('a Dockerfile name the folder does not have', async () => {
      await page.getByRole('textbox', { name: '폴더', exact: true }).fill(contextFolder(stamp));
      await page.getByRole('textbox', { name: '폴더 안의 도커파일', exact: true }).fill('Dockerfile.nope');
      await buildButton.click();
      await expect(failed).toContainText('폴더에 도커파일 Dockerfile.nope이(가) 없습니다.');
    });
    await screenshot(page, 'build-error-ko');
  });

  test('the page in Korean (dark)', async ({ page, wharf }) => {
    const settings = new SettingsPage(page, wharf);
    await settings.open();
    await settings.chooseTheme('dark');
    await settings.chooseLanguage('ko');
    await page.goto(`${new URL(wharf.url).origin}/#/build`);
    await expect(page.getByRole('heading', { name: '이미지 빌드', exact: true })).toBeVisible();
    await page.getByRole('radio', { name: '도커파일 붙여 넣기' }).check();
    await page
      .getByRole('textbox', { name: '도커파일', exact: true })
      .fill(`FROM ${testImage()}\nRUN echo about to fail && exit 3\n`);
    await page.getByRole('button', { name: '빌드', exact: true }).click();
    await expect(page.getByTestId('build-failure')).toContainText('[2/2] 단계에서 빌드가 실패했습니다');
    await expect(page.getByTestId('build-builder')).toContainText('빌더: BuildKit.');
    await page.locator('details.explainer summary').first().click();
    await screenshot(page, 'build-ko');
  });
});
