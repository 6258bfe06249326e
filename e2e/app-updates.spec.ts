// The app section of Settings (its version and the update check) in browser
// mode, and addresses naming an image by reference, the form wharf:// links
// use, against the real engine.
import { readFileSync } from 'node:fs';
import { ImageDetailsPage } from './pages/image-details-page';
import { expectNoAxeViolations } from './support/axe';
import { testImage } from './support/env';
import { expect, test } from './fixtures';

const shortOf = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

test.describe('Updates in Settings', () => {
  test('shows Wharf’s version; browser mode does not update itself, in English and Korean', async ({
    page,
    settingsPage,
  }) => {
    await settingsPage.open();
    const section = page.getByTestId('updates-settings');
    await expect(section.getByRole('heading', { name: 'Updates', exact: true })).toBeVisible();
    await expect(section.getByTestId('app-version')).toHaveText(version);
    const allow = section.getByRole('switch', { name: /^Check for updates/ });
    await expect(allow).toBeDisabled();
    await expect(allow).not.toBeChecked();
    await expect(section).toContainText('Browser mode does not update itself: update the Wharf that serves this page.');
    await expect(section.getByRole('button', { name: 'Check now' })).toHaveCount(0);

    for (const theme of ['light', 'dark'] as const) {
      await settingsPage.chooseTheme(theme);
      await expectNoAxeViolations(page, `updates settings, ${theme}`, '[data-testid="updates-settings"]');
    }

    await settingsPage.chooseLanguage('ko');
    await expect(section.getByRole('heading', { name: '업데이트', exact: true })).toBeVisible();
    await expect(section.getByRole('switch', { name: /^업데이트 확인/ })).toBeDisabled();
    await expect(section).toContainText('브라우저 모드는 스스로 업데이트하지 않습니다.');
  });
});

test.describe('Image addresses', () => {
  test('an image named by its reference (as wharf://images/<reference> names it) opens its details', async ({
    imagesPage,
    docker,
  }) => {
    const ref = testImage();
    const id = (await docker.inspectImage(ref)).Id as string;
    await imagesPage.open();
    const details = new ImageDetailsPage(imagesPage.page);
    // Without ":latest" too, as people type it.
    for (const name of [ref, ref.replace(/:latest$/, '')]) {
      await imagesPage.page.evaluate((hash) => (window.location.hash = hash), `#/images/${encodeURIComponent(name)}`);
      await expect(details.heading(ref)).toBeVisible();
      await expect(details.layerRows.first()).toBeVisible();
    }
    await expect(imagesPage.page.getByText(shortOf(id))).toBeVisible();
    await imagesPage.page.evaluate(() => (window.location.hash = '#/images/no-such-image%3A1'));
    await expect(
      imagesPage.page.getByText('There is no image no-such-image:1 on this engine (anymore).'),
    ).toBeVisible();
    await expect(details.heading(ref)).toHaveCount(0);
  });
});
