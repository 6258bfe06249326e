// Learn: the path of lessons, a lesson's page and the coach on every page.
// Names come from the locale files, so the same object drives English and Korean.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

type Tree = { [key: string]: string | Tree };

/** A text of the renderer's locale files: text('ko', 'learn', 'learn.nav'). */
export function text(language: 'en' | 'ko', file: string, key: string): string {
  const tree = JSON.parse(readFileSync(`renderer/src/i18n/locales/${language}/${file}.json`, 'utf8')) as Tree;
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no text ${language}/${file}.json ${key}`);
  return node;
}

export class LearnPage extends AppShell {
  readonly path: Locator;
  readonly steps: Locator;
  readonly coach: Locator;
  /** The element the coach points at. */
  readonly coached: Locator;
  readonly questions: Locator;
  readonly outro: Locator;

  constructor(
    page: Page,
    server: WharfServer,
    readonly language: 'en' | 'ko',
  ) {
    super(page, server);
    this.path = page.getByRole('list', { name: this.t('learn.path') });
    this.steps = page.getByTestId('lesson-step');
    this.coach = page.getByTestId('coach');
    this.coached = page.locator('[data-coach-target]');
    this.questions = page.getByTestId('lesson-question');
    this.outro = page.getByTestId('lesson-outro');
  }

  t(key: string, file = 'learn'): string {
    return text(this.language, file, key);
  }

  card(id: string): Locator {
    return this.path.locator(`[data-testid="lesson-card"][data-id="${id}"]`);
  }

  step(id: string): Locator {
    return this.steps.and(this.page.locator(`[data-id="${id}"]`));
  }

  /** Follows the sidebar's Learn link to the path. */
  async openPath(): Promise<void> {
    await test.step('open Learn', async () => {
      await this.page
        .getByRole('navigation')
        .getByRole('link', { name: this.t('learn.nav'), exact: true })
        .click();
      await expect(this.page).toHaveURL(/#\/learn$/);
      await expect(this.path).toBeVisible();
    });
  }

  async openLesson(id: string): Promise<void> {
    await test.step(`open lesson ${id}`, async () => {
      await this.card(id).getByRole('link').click();
      await expect(this.page).toHaveURL(new RegExp(`#/learn/${id}$`));
      await expect(this.steps.first()).toBeVisible();
    });
  }

  /** The lesson's step ids, in order. */
  async stepIds(): Promise<string[]> {
    return this.steps.evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
  }

  async backToLesson(): Promise<void> {
    await this.coach.getByRole('link', { name: this.t('learn.coach.back') }).click();
    await expect(this.steps.first()).toBeVisible();
  }

  async reset(): Promise<Locator> {
    await this.page.getByRole('button', { name: this.t('learn.reset.button') }).click();
    return this.page.getByRole('dialog');
  }
}
