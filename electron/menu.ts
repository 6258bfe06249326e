// A minimal application menu, as data (main.ts builds it): the Edit roles make
// copy and paste work in text fields and the terminal; the rest is the
// platform's usual. The developer tools are there in development only: in the
// packaged app they would hand anyone at the keyboard a console with the page's
// access to the runtime.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** app.isPackaged: the installed app rather than `npm start`. */
  packaged: boolean;
}

export function menuTemplate({ platform, packaged }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const devTools: MenuItemConstructorOptions[] = packaged ? [] : [{ role: 'toggleDevTools' }];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...devTools,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
