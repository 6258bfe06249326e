// Every dialog of the Images page, and an image's layers, in English and in
// Korean: each opens under its translated name, and a screenshot of it is
// kept for a person to look at.
import { SettingsPage } from './pages/settings-page';
import { testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { expect, test } from './fixtures';

const ref = testImage();
const NAMES = {
  en: {
    dialogs: [
      ['remove', `Remove image ${ref}`, 'Remove image'],
      ['tag', `Tag ${ref}`, 'Tag image'],
      ['untag', `Untag ${ref}`, 'Untag image'],
      ['prune', 'Prune unused…', 'Prune unused images'],
      ['pull', 'Pull an image…', 'Pull an image'],
      ['push', `Push ${ref}`, 'Push an image'],
      ['registries', 'Registries…', 'Registries'],
      ['load', 'Load from a tar…', 'Load images from a tar'],
    ],
    explainer: 'What is an image?',
    layers: `Layers of ${ref}`,
    heading: `Image ${ref}`,
  },
  ko: {
    dialogs: [
      ['remove', `이미지 ${ref} 삭제`, '이미지 삭제'],
      ['tag', `${ref}에 태그 붙이기`, '이미지에 태그 붙이기'],
      ['untag', `${ref} 태그 제거`, '태그 제거'],
      ['prune', '사용하지 않는 이미지 정리…', '사용하지 않는 이미지 정리 (prune)'],
      ['pull', '이미지 풀…', '이미지 풀'],
      ['push', `${ref} 푸시`, '이미지 푸시'],
      ['registries', '레지스트리…', '레지스트리'],
      ['load', 'tar에서 불러오기…', 'tar에서 이미지 불러오기'],
    ],
    explainer: '이미지란?',
    layers: `${ref}의 레이어`,
    heading: `이미지 ${ref}`,
  },
} as const;

for (const language of ['en', 'ko'] as const) {
  test(`the Images page, its dialogs and an image's layers in ${language === 'en' ? 'English' : 'Korean'}`, async ({
    page,
    wharf,
    docker,
  }) => {
    const names = NAMES[language];
    const settings = new SettingsPage(page, wharf);
    await settings.open();
    if (language === 'ko') await settings.chooseLanguage('ko');
    await page.goto(`${wharf.origin}/#/images`);
    const table = page.locator('tr[data-testid="image-row"]').filter({ hasText: ref });
    await expect(table).toHaveCount(1);
    await page.locator('details.explainer summary', { hasText: names.explainer }).click();
    await screenshot(page, `images-page-${language}`);
    await page.locator('details.explainer summary', { hasText: names.explainer }).click();

    for (const [key, button, dialogName] of names.dialogs) {
      await test.step(`dialog ${key}`, async () => {
        await page.getByRole('button', { name: button, exact: true }).click();
        const dialog = page.getByRole('dialog', { name: dialogName, exact: true });
        await expect(dialog).toBeVisible();
        await expect(dialog.getByTestId('command-preview').locator('code')).toHaveText(/^docker /);
        if (key === 'pull') await dialog.getByRole('textbox').first().fill('busybox:latest');
        if (key === 'tag') await dialog.getByRole('textbox').first().fill('127.0.0.1:5000/team/app:1.0');
        await screenshot(page, `images-dialog-${key}-${language}`);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      });
    }
    // Nothing was confirmed: the test image is still there under its name.
    expect(await docker.hasImage(ref)).toBe(true);

    await page.getByRole('link', { name: names.layers, exact: true }).click();
    await expect(page.getByRole('heading', { name: names.heading, exact: true })).toBeVisible();
    await expect(page.getByTestId('layer-row').first()).toBeVisible();
    await screenshot(page, `image-layers-${language}`);
  });
}
