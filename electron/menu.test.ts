import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';

/** Every role and label in the menu, submenus included. */
function entries(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? entries(item.submenu) : []),
  ]);
}

const devToolsRoles = ['toggleDevTools', 'toggledevtools'];

describe('menuTemplate', () => {
  it('has no developer tools in the packaged app, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = entries(menuTemplate({ platform, packaged: true }));
      expect(
        all.filter((entry) => devToolsRoles.includes(entry) || /developer tools/i.test(entry)),
        platform,
      ).toEqual([]);
      expect(all, platform).toEqual(expect.arrayContaining(['copy', 'paste', 'reload', 'View']));
    }
  });

  it('keeps Toggle Developer Tools in development', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(entries(menuTemplate({ platform, packaged: false })), platform).toContain('toggleDevTools');
    }
  });

  it('has the app menu on macOS only', () => {
    expect(entries(menuTemplate({ platform: 'darwin', packaged: true }))[0]).toBe('appMenu');
    expect(entries(menuTemplate({ platform: 'linux', packaged: true }))).not.toContain('appMenu');
  });
});
