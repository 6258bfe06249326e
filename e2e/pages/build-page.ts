// The Build page (#/build): the build form, the live command, and the build's
// steps, summary, failure and log.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class BuildPage extends AppShell {
  readonly heading: Locator;
  readonly form: Locator;
  readonly fromFolder: Locator;
  readonly fromPaste: Locator;
  readonly folder: Locator;
  readonly dockerfileText: Locator;
  readonly tags: Locator;
  readonly target: Locator;
  readonly noCache: Locator;
  /** "Use the classic builder" (DOCKER_BUILDKIT=0). */
  readonly classic: Locator;
  /** Which builder ran, and why. */
  readonly builder: Locator;
  /** Which builder the next build will use, and why. */
  readonly nextBuilder: Locator;
  readonly shownCommand: Locator;
  readonly buildButton: Locator;
  readonly output: Locator;
  readonly context: Locator;
  readonly summary: Locator;
  readonly steps: Locator;
  readonly failure: Locator;
  readonly failureOutput: Locator;
  readonly log: Locator;
  /** The hidden folder input behind "Choose a folder…". */
  readonly folderPicker: Locator;
  /** Says which picked folder was copied to the runtime's machine. */
  readonly picked: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Build an image', exact: true });
    this.form = page.getByRole('form', { name: 'Build form' });
    this.fromFolder = this.form.getByRole('radio', { name: 'A folder on the machine Wharf runs on' });
    this.fromPaste = this.form.getByRole('radio', { name: 'Paste a Dockerfile' });
    this.folder = this.form.getByRole('textbox', { name: 'Folder', exact: true });
    this.dockerfileText = this.form.getByRole('textbox', { name: 'Dockerfile', exact: true });
    this.tags = this.form.getByRole('textbox', { name: 'Tags', exact: true });
    this.target = this.form.getByRole('textbox', { name: 'Target stage', exact: true });
    this.noCache = this.form.getByRole('checkbox', { name: /^Build without the cache/ });
    this.classic = this.form.getByRole('checkbox', { name: /^Use the classic builder/ });
    this.builder = page.getByTestId('build-builder');
    this.nextBuilder = page.getByTestId('build-next-builder');
    this.shownCommand = page.getByTestId('build-command');
    this.buildButton = page.getByRole('button', { name: 'Build', exact: true });
    this.output = page.getByTestId('build-output');
    this.context = page.getByTestId('build-context');
    this.summary = page.getByTestId('build-summary');
    this.steps = page.getByRole('list', { name: 'Build steps' }).getByTestId('build-step');
    this.failure = page.getByTestId('build-failure');
    this.failureOutput = page.getByTestId('build-failure-output');
    this.log = page.getByRole('log', { name: 'Build log' });
    this.folderPicker = page.getByTestId('build-folder-picker');
    this.picked = page.getByTestId('build-picked');
  }

  async open(): Promise<void> {
    await this.signIn();
    await test.step('go to Build', async () => {
      await this.nav.getByRole('link', { name: 'Build', exact: true }).click();
      await expect(this.heading).toBeVisible();
    });
  }

  /** Builds and waits until the build ended (done or failed). */
  async build(): Promise<void> {
    await test.step('build', async () => {
      await this.buildButton.click();
      await expect(this.output).toHaveAttribute('data-phase', /^(done|failed|error|stopped)$/, { timeout: 60_000 });
    });
  }

  cachedSteps(): Locator {
    return this.page.locator('[data-testid="build-step"][data-cached="true"]');
  }
}
