// Saving and restoring the window's place (<data>/window-state.json): the
// shell's side of window-state.ts, which decides.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type BrowserWindow, screen } from 'electron';
import { captureState, restoreLayout, type Size, type WindowLayout } from './window-state';

/** The layout to open with: the saved one kept on the displays present, or the default size. */
export function initialLayout(file: string, defaultSize: Size, minSize: Size): WindowLayout {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    saved = undefined;
  }
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return restoreLayout({ saved, displays: [primary, ...others].map((d) => d.workArea), defaultSize, minSize });
}

/** Saves the window's place when it moves, resizes, (un)maximizes or closes. */
export function keepWindowPlace(window: BrowserWindow, file: string, log: (message: string) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const state = captureState(window.getNormalBounds(), window.isMaximized());
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    } catch (error) {
      log(`window: could not save ${file}: ${String(error)}`);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}
