// The Settings page: language, theme and the engine to use.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class SettingsPage extends AppShell {
  readonly heading: Locator;
  readonly language: Locator;
  readonly theme: Locator;
  readonly engineAddress: Locator;
  readonly connect: Locator;
  /** The warning shown for plain tcp:// to another machine, with Connect anyway and Cancel. */
  readonly insecureWarning: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Settings', exact: true });
    this.language = page.getByRole('combobox', { name: 'Language' });
    this.theme = page.getByRole('combobox', { name: 'Theme' });
    this.engineAddress = page.getByRole('textbox', { name: 'Engine address' });
    this.connect = page.getByRole('button', { name: 'Connect', exact: true });
    this.insecureWarning = page.getByTestId('insecure-warning');
  }

  async open(): Promise<void> {
    await this.signIn();
    await this.goTo('settings');
    await expect(this.heading).toBeVisible();
  }

  /** Types an engine address and presses Connect. */
  async connectTo(endpoint: string): Promise<void> {
    await test.step(`connect to ${endpoint}`, async () => {
      await this.engineAddress.fill(endpoint);
      await this.connect.click();
    });
  }

  /** Records every engine phase the status bar shows from now on (read with phasesSeen). */
  async watchPhases(): Promise<void> {
    await this.engineStatus.evaluate((el) => {
      const seen: string[] = [el.getAttribute('data-phase') ?? ''];
      (window as unknown as { phasesSeen: string[] }).phasesSeen = seen;
      new MutationObserver(() => seen.push(el.getAttribute('data-phase') ?? '')).observe(el, {
        attributes: true,
        attributeFilter: ['data-phase'],
      });
    });
  }

  phasesSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { phasesSeen: string[] }).phasesSeen);
  }

  async chooseLanguage(language: 'en' | 'ko'): Promise<void> {
    await test.step(`choose language ${language}`, async () => {
      await this.language.selectOption(language);
      await expect(this.page.locator('html')).toHaveAttribute('lang', language);
    });
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await test.step(`choose theme ${theme}`, async () => {
      await this.theme.selectOption(theme);
      if (theme !== 'system') await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
    });
  }
}
