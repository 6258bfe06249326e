// The command palette, the keyboard shortcuts and the rows' right-click menu
// against the real engine: what they run is checked with `docker inspect`.
import type { Page } from '@playwright/test';
import { TerminalPage } from './pages/terminal-page';
import { expectNoAxeViolations } from './support/axe';
import { screenshot } from './support/screenshots';
import { testImage } from './support/env';
import { expect, test } from './fixtures';

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const combobox = (page: Page) => palette(page).getByRole('combobox', { name: 'Find a page or an action' });
const menu = (page: Page, name: string) => page.getByRole('menu', { name: `Actions for ${name}` });

test.describe('Command palette and shortcuts', () => {
  test('Ctrl+K finds a container by a fuzzy query and stops it', async ({ containersPage, docker, page }) => {
    const name = docker.name('palette-stop');
    await docker.runDetached(name);
    await containersPage.open();
    await containersPage.expectState(name, 'running');

    const filter = containersPage.filter;
    await filter.focus();
    await page.keyboard.press('Control+K');
    await expect(palette(page)).toBeVisible();
    await expect(combobox(page)).toBeFocused();

    // Letters of "stop" and a scattered part of the name: a fuzzy match, not a substring.
    const short = name.replace(/-/g, '').slice(-6);
    await combobox(page).fill(`stp ${short}`);
    const option = palette(page).getByRole('option', { name: `Stop container ${name}` });
    await expect(option).toBeVisible();
    await expect(option).toHaveAccessibleDescription(`docker stop ${name}`);
    // Move to it with the arrows (whichever place it ranks), as a keyboard user does.
    const options = palette(page).getByRole('option');
    for (let i = 0; i < 10 && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(option).toHaveAttribute('aria-selected', 'true');
    const activeId = await option.getAttribute('id');
    await expect(combobox(page)).toHaveAttribute('aria-activedescendant', activeId!);
    expect(await options.count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'the command palette, light');
    await screenshot(page, 'palette-light');

    await page.keyboard.press('Enter');
    await expect(palette(page)).toBeHidden();
    await expect.poll(() => docker.state(name)).toBe('exited');
    await containersPage.expectState(name, 'exited');
    await expect(containersPage.commandBar).toContainText(`docker stop ${name}`);
    // Focus is back where it was.
    await expect(filter).toBeFocused();
  });

  test('Escape closes the palette and focus returns; the top bar button opens it', async ({ containersPage, page }) => {
    await containersPage.open();
    const button = page.getByRole('button', { name: 'Command palette', exact: true });
    await button.click();
    await expect(combobox(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(palette(page)).toBeHidden();
    await expect(button).toBeFocused();
  });

  test('removing from the palette asks in the page’s own dialog first', async ({ containersPage, docker, page }) => {
    const name = docker.name('palette-rm');
    await docker.create(name);
    await containersPage.open();
    await expect(containersPage.row(name)).toBeVisible();
    await page.keyboard.press('Control+K');
    await combobox(page).fill(`remove ${name}`);
    await palette(page)
      .getByRole('option', { name: `Remove container ${name}…` })
      .click();
    await expect(containersPage.removeDialog).toBeVisible();
    await containersPage.removeDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(containersPage.removeDialog).toBeHidden();
    expect(await docker.state(name)).toBe('created');
  });

  test('Ctrl+2 switches to the second page of the sidebar; ? lists the shortcuts', async ({ containersPage, page }) => {
    await containersPage.open();
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+2');
    await expect(page).toHaveURL(/#\/learn$/);
    await page.keyboard.press('Control+1');
    await expect(page).toHaveURL(/#\/containers$/);

    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByRole('row', { name: /Open the command palette/ })).toContainText('Ctrl+K');
    await expect(help.getByRole('row', { name: /Go to Learn/ })).toContainText('Ctrl+2');
    await expectNoAxeViolations(page, 'the shortcuts list');
    await screenshot(page, 'shortcuts-light');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    // ? typed into a text field is text.
    await containersPage.filter.fill('');
    await containersPage.filter.focus();
    await page.keyboard.press('Shift+Slash');
    await expect(help).toBeHidden();
    await expect(containersPage.filter).toHaveValue('?');
  });

  test('a container row’s right-click menu copies its id and starts it', async ({
    containersPage,
    docker,
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = docker.name('palette-menu');
    await docker.create(name);
    const id = (await docker.inspect(name)).Id as string;
    await containersPage.open();
    await containersPage.expectState(name, 'created');

    await containersPage.row(name).click({ button: 'right' });
    await expect(menu(page, name)).toBeVisible();
    await expect(menu(page, name).getByRole('menuitem', { name: 'Stop', exact: true })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(menu(page, name).getByRole('menuitem').first()).toBeFocused();
    await menu(page, name).getByRole('menuitem', { name: 'Copy ID' }).click();
    await expect(menu(page, name)).toBeHidden();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(id);

    await containersPage.row(name).click({ button: 'right' });
    const start = menu(page, name).getByRole('menuitem', { name: 'Start', exact: true });
    await expect(start).toHaveAccessibleDescription(`docker start ${name}`);
    await start.click();
    await expect.poll(() => docker.state(name)).toBe('running');
    await containersPage.expectState(name, 'running');
  });

  test('Shift+F10 opens the same menu on the focused row; arrows and Escape work', async ({
    containersPage,
    docker,
    page,
  }) => {
    const name = docker.name('palette-key');
    await docker.runDetached(name);
    await containersPage.open();
    await containersPage.expectState(name, 'running');
    const link = containersPage.row(name).getByRole('link', { name, exact: true });
    await link.focus();
    await page.keyboard.press('Shift+F10');
    const items = menu(page, name).getByRole('menuitem');
    // Start cannot be chosen for a running container: focus is on the first that can, Stop.
    await expect(items.first()).toHaveAttribute('aria-disabled', 'true');
    await expect(items.nth(1)).toBeFocused();
    await expect(items.nth(1)).toHaveAccessibleName('Stop');
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(2)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(items.first()).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(items.last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(items.first()).toBeFocused();
    await expectNoAxeViolations(page, 'a row menu, light');
    await page.keyboard.press('Escape');
    await expect(menu(page, name)).toBeHidden();
    await expect(link).toBeFocused();

    // The Menu key does the same, and Stop from the menu stops it.
    await page.keyboard.press('ContextMenu');
    await menu(page, name).getByRole('menuitem', { name: 'Stop', exact: true }).press('Enter');
    await expect.poll(() => docker.state(name)).toBe('exited');
  });

  test('axe finds nothing with the palette or a menu open in the dark theme', async ({
    containersPage,
    docker,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const name = docker.name('palette-dark');
    await docker.runDetached(name);
    await containersPage.open();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await containersPage.expectState(name, 'running');
    await page.keyboard.press('Control+K');
    await combobox(page).fill(name);
    await expect(palette(page).getByRole('option', { name: `Stop container ${name}` })).toBeVisible();
    await expectNoAxeViolations(page, 'the command palette, dark');
    await screenshot(page, 'palette-dark');
    await page.keyboard.press('Escape');
    await containersPage.row(name).click({ button: 'right' });
    await expect(menu(page, name)).toBeVisible();
    await expectNoAxeViolations(page, 'a row menu, dark');
    await screenshot(page, 'row-menu-dark');
  });
});

test.describe('In Korean', () => {
  test('the palette, its entries and the shortcuts list speak Korean, axe clean', async ({
    settingsPage,
    docker,
    page,
  }) => {
    const name = docker.name('palette-ko');
    await docker.runDetached(name);
    await settingsPage.open();
    await settingsPage.chooseLanguage('ko');
    await page.getByRole('link', { name: '컨테이너', exact: true }).click();
    await expect(page.locator(`tr[data-testid="container-row"][data-name="${name}"]`)).toHaveAttribute(
      'data-state',
      'running',
    );
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: '명령 팔레트' });
    await dialog.getByRole('combobox', { name: '페이지나 작업 찾기' }).fill(`중지 ${name}`);
    await expect(dialog.getByRole('option', { name: `컨테이너 ${name} 중지` })).toHaveAccessibleDescription(
      `docker stop ${name}`,
    );
    await expectNoAxeViolations(page, 'the command palette in Korean');
    await screenshot(page, 'palette-ko');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Slash');
    await expect(page.getByRole('dialog', { name: '키보드 단축키' })).toContainText('명령 팔레트 열기');
  });
});

test.describe('Keys a terminal keeps', () => {
  test('a terminal with focus keeps ? and Ctrl+2; Ctrl+K still opens the palette', async ({ docker, page, wharf }) => {
    const name = docker.name('palette-term');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    await terminal.waitForPrompt(name);
    await terminal.screenOf(name).click();
    await page.keyboard.type("echo 'a?b'");
    await page.keyboard.press('Control+2');
    await page.keyboard.press('Enter');
    await terminal.expectLine(name, 'a?b');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
    await expect(page).toHaveURL(/#\/containers\/[^/]+\/terminal$/);

    await page.keyboard.press('Control+K');
    await expect(combobox(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(palette(page)).toBeHidden();
  });
});

test.describe('Row menus on the other lists', () => {
  test('a volume row’s menu removes it through the page’s dialog; an image row’s copies its name', async ({
    volumesPage,
    imagesPage,
    docker,
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const volume = docker.volumeName('palette-vol');
    await docker.run(['volume', 'create', volume]);
    await volumesPage.open();
    await volumesPage.row(volume).click({ button: 'right' });
    const remove = menu(page, volume).getByRole('menuitem', { name: 'Remove', exact: true });
    await expect(remove).toHaveAccessibleDescription(`docker volume rm ${volume}`);
    await expectNoAxeViolations(page, 'a volume row menu');
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Remove volume' });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => docker.volumeNames()).not.toContain(volume);

    const image = docker.imageName('palette-img');
    // An image of its own (one name), so the row names it.
    await docker.buildImage(image, `FROM ${testImage()}\nLABEL palette=${image}`);
    await imagesPage.open();
    const row = imagesPage.rowFor(image);
    await row.getByRole('button', { name: `Tag ${image}`, exact: true }).focus();
    await page.keyboard.press('Shift+F10');
    await expect(menu(page, image).getByRole('menuitem').first()).toBeFocused();
    await menu(page, image).getByRole('menuitem', { name: 'Copy name' }).press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(image);
  });
});
