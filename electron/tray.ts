// The tray (menu bar) icon: the engine's state as its icon and tooltip, and
// the menu of tray-model.ts built into an Electron Menu. Clicks go to the
// runtime's own request handlers in this process (the ones the page's IPC
// reaches), so the tray holds no container logic.
import { Menu, Tray, nativeImage } from 'electron';
import type { WharfRuntime } from '../runtime/app';
import type { DesktopFeed } from './desktop-state';
import { runTrayAction } from './tray-actions';
import { trayIconFile, trayMenu, trayTemplate, type TrayAction } from './tray-model';
import { languageOf, type Lang } from './words';

export interface TrayHost {
  runtime: WharfRuntime;
  feed: DesktopFeed;
  /** The bundled main process's folder (the icons are found from it). */
  codeDir: string;
  systemLocale: string;
  /** Shows Wharf's window (made again when closed), at a hash address when given. */
  showWindow(href?: string): void;
  quit(): void;
  /** Tells the user an action from the tray failed (a native notification). */
  failed(title: string, body: string): void;
  log(message: string): void;
}

export interface WharfTray {
  /** False when the platform shows no tray (then closing the window quits). */
  shown(): boolean;
  dispose(): void;
}

export function createWharfTray(host: TrayHost): WharfTray {
  let tray: Tray | undefined;
  try {
    tray = new Tray(nativeImage.createEmpty());
  } catch (error) {
    host.log(`tray: not available here: ${(error as Error).message}`);
    return { shown: () => false, dispose: () => {} };
  }
  const icons = new Map<string, Electron.NativeImage>();
  const icon = (name: string) => {
    let image = icons.get(name);
    if (!image) {
      image = nativeImage.createFromPath(trayIconFile(host.codeDir, name));
      if (name.endsWith('Template')) image.setTemplateImage(true);
      icons.set(name, image);
    }
    return image;
  };

  const lang = (): Lang => languageOf(host.feed.get().settings.language, host.systemLocale);

  const run = (action: TrayAction) =>
    runTrayAction(action, {
      requests: host.runtime.handlers.requests,
      showWindow: (href) => host.showWindow(href),
      quit: () => host.quit(),
      failed: (title, body) => host.failed(title, body),
      language: lang,
    });

  let lastKey = '';
  const render = () => {
    if (!tray || tray.isDestroyed()) return;
    const { engine, containers, vm } = host.feed.get();
    const menu = trayMenu({
      engine,
      containers: [...containers.values()],
      vm,
      platform: process.platform,
      language: lang(),
    });
    // The same menu again (an event that changed nothing shown) is not rebuilt.
    const key = JSON.stringify(menu);
    if (key === lastKey) return;
    lastKey = key;
    tray.setImage(icon(menu.icon));
    tray.setToolTip(menu.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(trayTemplate(menu.items, (action) => void run(action))));
  };
  render();
  const off = host.feed.onChange(render);
  // Windows and Linux: a click on the icon opens Wharf (the menu is on the other button); macOS opens the menu.
  if (process.platform !== 'darwin') tray.on('click', () => host.showWindow());

  return {
    shown: () => tray !== undefined && !tray.isDestroyed(),
    dispose() {
      off();
      tray?.destroy();
      tray = undefined;
    },
  };
}
