// Learn, the first lesson end to end the way a learner does it in Korean:
// 한국어 in Settings, 배우기 in the sidebar, lesson 1, each step done with
// Wharf's own pages where the coach points (the step's `data-learn` target),
// each step ticked by the engine's state alone, the questions answered, then
// a reset that leaves nothing behind. Driven by the lesson's step order and
// target names, not by its text.
import type { Locator, Page } from '@playwright/test';
import { LearnPage, text } from './pages/learn-page';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { DockerCli } from './support/docker-cli';
import { dockerEndpoint, testImage } from './support/env';
import { screenshot } from './support/screenshots';
import type { WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

const LESSON = 'first-container';
/** The container lesson 1 makes (its name is the lesson's, not the test's). */
const HELLO = 'hello';
const BUSYBOX = 'busybox:latest';

/** Targets that only show something: the learner looks, then presses Check now. */
const LOOK_ONLY = new Set(['containers.list', 'images.list', 'volumes.list', 'stats.dashboard']);

const docker = new DockerCli(dockerEndpoint());
let taggedBusybox = false;

async function helloExists(): Promise<boolean> {
  const names = await docker.run(['ps', '-a', '--filter', `name=^/?${HELLO}$`, '--format', '{{.Names}}']);
  return names.trim() !== '';
}

test.beforeAll(async () => {
  // Lessons use busybox:latest; tests tag the local test image so (nothing is pulled).
  const images = await docker.run(['images', '-q', BUSYBOX]);
  if (images.trim() === '') {
    await docker.run(['tag', testImage(), BUSYBOX]);
    taggedBusybox = true;
  }
  await docker.run(['rm', '-f', HELLO]).catch(() => undefined);
});

test.afterAll(async () => {
  await docker.run(['rm', '-f', HELLO]).catch(() => undefined);
  if (taggedBusybox) await docker.run(['rmi', BUSYBOX]).catch(() => undefined);
});

async function setUp(page: Page, wharf: WharfServer, theme: 'light' | 'dark'): Promise<LearnPage> {
  const settings = new SettingsPage(page, wharf);
  await settings.open();
  await settings.chooseTheme(theme);
  await settings.chooseLanguage('ko');
  return new LearnPage(page, wharf, 'ko');
}

/** Does what the coach points at, the way a learner would with Wharf's UI. */
async function doInWharf(learn: LearnPage, target: string, command: string): Promise<void> {
  const { page } = learn;
  await test.step(`do ${target} in Wharf`, async () => {
    if (target.startsWith('run.')) {
      // The learner pastes the command the coach shows into the Run page, then presses Run.
      await page.getByRole('textbox', { name: text('ko', 'run', 'run.paste.label') }).fill(command);
      await page.getByRole('button', { name: text('ko', 'run', 'run.paste.fill') }).click();
      await expect(page.getByTestId('paste-result')).toBeVisible();
      await page.locator('[data-learn="run.submit"]').click();
    } else if (LOOK_ONLY.has(target)) {
      await expect(learn.coached).toBeVisible();
      await learn.coach.getByRole('button', { name: learn.t('learn.checkNow') }).click();
    } else {
      await learn.coached.click();
      // An action that asks first (Remove): its dialog's own button (the last in its footer) confirms.
      const dialog = page.getByRole('dialog');
      if (await dialog.isVisible()) await dialog.locator('.dialog-footer button').last().click();
    }
  });
}

/** Every step in order: open it, do it in Wharf where the coach points, see the engine tick it. */
async function doEveryStep(learn: LearnPage, stop?: string): Promise<void> {
  const ids = await learn.stepIds();
  expect(ids.length, 'the lesson has steps').toBeGreaterThan(0);
  const doneIn = (where: Locator, attribute: string, id: string) =>
    expect(where).toHaveAttribute(attribute, attribute === 'data-done' ? new RegExp(`(^| )${id}( |$)`) : 'done', {
      timeout: 30_000,
    });
  for (const [i, id] of ids.entries()) {
    await test.step(`step ${i + 1}: ${id}`, async () => {
      // On the lesson's page the step is open; on another page the coach shows it.
      const coached = await learn.coach.isVisible();
      const where = coached ? learn.coach : learn.step(id);
      // A step whose check the previous one already met (the container runs, so it is listed) is done on arrival.
      const phase = async () => {
        if (coached) {
          const done = (await learn.coach.getAttribute('data-done'))?.split(' ').includes(id);
          return done ? 'done' : (await learn.coach.getAttribute('data-step')) === id ? 'current' : 'waiting';
        }
        const step = learn.step(id);
        if ((await step.getAttribute('data-status')) === 'done') return 'done';
        return (await step.getAttribute('aria-current')) === 'step' ? 'current' : 'waiting';
      };
      await expect.poll(phase, { message: 'the step becomes the current one' }).toMatch(/^(current|done)$/);
      if ((await phase()) === 'done') return;
      const command = (await where.getByTestId('step-command').innerText()).trim();
      const doIt = where.getByRole('button', { name: learn.t('learn.doItInWharf') });
      if ((await doIt.count()) > 0) {
        await doIt.click();
        // The keyboard goes on from the coach: it has the focus.
        await expect(learn.coach.getByRole('heading', { level: 2 })).toBeFocused();
      }
      const target = (await learn.coach.isVisible()) ? await learn.coach.getAttribute('data-target') : null;
      if (target) {
        await expect(learn.coach).toHaveAttribute('data-step', id);
        // The coach points at exactly the element the step names, in view.
        await expect(learn.coached).toHaveAttribute('data-learn', target);
        await expect(learn.coached).toBeInViewport();
        // In a list, it is in the row the command names (never another container's button).
        const item = await learn.coached.evaluate(
          (el) => el.closest('[data-learn-item]')?.getAttribute('data-learn-item') ?? null,
        );
        if (item !== null) expect(item.split(' ').some((name) => command.split(/\s+/).includes(name))).toBe(true);
        if (i === 2) await screenshot(learn.page, `learn-coach-target-${learn.language}`);
        await doInWharf(learn, target, command);
        // Ticked by the engine's state, with no press.
        await doneIn(learn.coach, 'data-done', id);
      } else {
        // A step Wharf has no page for: typed in a terminal, as the lesson says.
        for (const line of command.split('\n')) await docker.shell(line);
        if (coached) await doneIn(learn.coach, 'data-done', id);
        else await doneIn(learn.step(id), 'data-status', id);
      }
    });
    if (id === stop) return;
    if (i === 0) await expectNoAxeViolations(learn.page, 'a page with the coach pointing');
  }
}

/** Answers each question, trying the choices in order until one is right; each answer is explained. */
async function answerEveryQuestion(learn: LearnPage): Promise<void> {
  const count = await learn.questions.count();
  for (let q = 0; q < count; q++) {
    await test.step(`question ${q + 1}`, async () => {
      const question = learn.questions.nth(q);
      const choices = question.getByRole('radio');
      const total = await choices.count();
      expect(total).toBeGreaterThan(1);
      for (let c = 0; c < total; c++) {
        await choices.nth(c).check();
        await question.locator('button[type="submit"]').click();
        await expect(question).toHaveAttribute('data-answered', /right|wrong/);
        await expect(question.getByTestId('answer-result')).not.toBeEmpty();
        if ((await question.getAttribute('data-answered')) === 'right') break;
      }
      await expect(question).toHaveAttribute('data-answered', 'right');
    });
  }
}

async function expectAllStepsTodo(learn: LearnPage): Promise<void> {
  for (const id of await learn.stepIds()) await expect(learn.step(id)).toHaveAttribute('data-status', 'todo');
}

test.describe('Learn', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the path and a lesson in English, ${theme}: named, axe clean`, async ({ settingsPage, page, wharf }) => {
      await settingsPage.open();
      await settingsPage.chooseTheme(theme);
      const learn = new LearnPage(page, wharf, 'en');
      await learn.openPath();
      await expect(learn.card(LESSON).getByRole('link')).toBeVisible();
      await expectNoAxeViolations(page, `the path, en, ${theme}`);
      await screenshot(page, `learn-path-en-${theme}`);
      await learn.openLesson(LESSON);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, `a lesson, en, ${theme}`);
      await screenshot(page, `learn-lesson-en-${theme}`);
    });
  }

  test.afterEach(async () => {
    await docker.run(['rm', '-f', HELLO]).catch(() => undefined);
  });

  test('lesson 1 in Korean, the UI way: every step ticked by itself, questions, reset', async ({ page, wharf }) => {
    test.setTimeout(180_000);
    const learn = await setUp(page, wharf, 'light');
    await learn.openPath();
    await expect(learn.card(LESSON)).toHaveClass(/lesson-next/);
    await expect(learn.card(LESSON)).toHaveAttribute('data-status', 'new');
    await expectNoAxeViolations(page, 'the path');
    await screenshot(page, 'learn-path-ko-light');

    await learn.openLesson(LESSON);
    await expect(page.locator('[data-testid="lesson-image"][data-ref="busybox:latest"]')).toHaveAttribute(
      'data-present',
      'true',
    );
    await expectNoAxeViolations(page, 'a lesson');
    await screenshot(page, 'learn-lesson-ko-light');

    await doEveryStep(learn);
    await learn.backToLesson();
    for (const id of await learn.stepIds()) await expect(learn.step(id)).toHaveAttribute('data-status', 'done');
    await expect(learn.outro).toBeVisible();

    await answerEveryQuestion(learn);
    await expectNoAxeViolations(page, 'a lesson done');
    await screenshot(page, 'learn-lesson-done-ko-light');

    await test.step('the path shows it done, questions right', async () => {
      await page.getByRole('link', { name: learn.t('learn.backToPath') }).click();
      await expect(learn.card(LESSON)).toHaveAttribute('data-status', 'done');
      await expect(learn.card(LESSON)).not.toHaveClass(/lesson-next/);
    });

    await test.step('reset: it lists what the lesson left, removes it, and forgets the progress', async () => {
      await learn.openLesson(LESSON);
      const dialog = await learn.reset();
      // The last step's container (hello-again, run and exited) is what the lesson leaves.
      await expect(dialog.getByTestId('leftover')).toHaveCount(1);
      await expect(dialog.getByTestId('leftover')).toContainText(`${HELLO}-again`);
      await dialog.getByRole('button', { name: learn.t('learn.reset.action'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('reset-result')).not.toBeEmpty();
      await expectAllStepsTodo(learn);
      expect(await helloExists(), 'no container hello on the engine').toBe(false);
      const again = await docker.run(['ps', '-a', '--filter', `name=^/?${HELLO}-again$`, '--format', '{{.Names}}']);
      expect(again.trim(), 'no container hello-again on the engine').toBe('');
    });
  });

  test('a reset lists and removes what the lesson left (dark theme)', async ({ page, wharf }) => {
    test.setTimeout(120_000);
    const learn = await setUp(page, wharf, 'dark');
    await learn.openPath();
    await learn.openLesson(LESSON);
    const [first] = await learn.stepIds();
    await doEveryStep(learn, first);
    expect(await helloExists(), 'the first step made the container').toBe(true);
    await screenshot(page, 'learn-coach-ko-dark');

    await test.step('Escape closes the coach', async () => {
      await learn.coach.getByRole('button', { name: learn.t('learn.checkNow') }).focus();
      await page.keyboard.press('Escape');
      await expect(learn.coach).toBeHidden();
    });
    await learn.openPath();
    await learn.openLesson(LESSON);
    const dialog: Locator = await learn.reset();
    await expect(
      dialog.locator(`[data-testid="leftover"][data-kind="containers"][data-name="${HELLO}"]`),
    ).toBeVisible();
    await expectNoAxeViolations(page, 'the reset dialog, dark');
    await screenshot(page, 'learn-reset-ko-dark');
    await dialog.getByRole('button', { name: learn.t('learn.reset.action'), exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.locator(`[data-testid="reset-result"] [data-testid="leftover"][data-name="${HELLO}"]`),
    ).toBeVisible();
    await expectAllStepsTodo(learn);
    expect(await helloExists(), 'the reset removed the container').toBe(false);
    await expectNoAxeViolations(page, 'a lesson, dark');
    await screenshot(page, 'learn-lesson-ko-dark');
  });
});
