// Copy and paste with the platform's keys: Ctrl+Shift+C / Ctrl+Shift+V on
// Linux and Windows (Ctrl+C stays the interrupt), Cmd+C / Cmd+V on macOS.
import type { Terminal } from '@xterm/xterm';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export type ClipboardKey = 'copy' | 'paste' | null;

/** Which clipboard action a key press asks for on this platform. Pure. */
export function clipboardKey(
  event: Pick<KeyboardEvent, 'type' | 'key' | 'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey'>,
  mac: boolean,
): ClipboardKey {
  if (event.type !== 'keydown' || event.altKey) return null;
  const key = event.key.toLowerCase();
  const chord = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && event.shiftKey && !event.metaKey;
  if (!chord) return null;
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  return null;
}

/** xterm's custom key handler: false means "handled here, do not send to the shell". */
export function platformCopyPaste(event: KeyboardEvent, term: Terminal): boolean {
  const action = clipboardKey(event, isMac());
  if (action === 'copy') {
    const selection = term.getSelection();
    // Cmd+C without a selection does nothing; Ctrl+Shift+C neither: never an interrupt.
    if (selection !== '') void navigator.clipboard?.writeText(selection).catch(() => {});
    event.preventDefault();
    return false;
  }
  if (action === 'paste') {
    event.preventDefault();
    void navigator.clipboard
      ?.readText()
      .then((text) => text !== '' && term.paste(text))
      .catch(() => {});
    return false;
  }
  return true;
}

type KeyLike = Pick<KeyboardEvent, 'type' | 'key' | 'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey'>;

/** How long after Escape a Tab leaves the terminal (the code editor's convention too). */
export const TAB_ESCAPE_MS = 2000;

/**
 * Escape, then Tab (or Shift+Tab) within two seconds, moves the focus out of
 * the terminal instead of sending Tab to the shell: the way out for the
 * keyboard. Escape itself still reaches the program. Pure: the caller gives the time.
 */
export function tabEscape(): (event: KeyLike, now: number) => 'leave' | 'pass' {
  let armedUntil = -Infinity;
  return (event, now) => {
    if (event.type !== 'keydown') return 'pass';
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      armedUntil = now + TAB_ESCAPE_MS;
      return 'pass';
    }
    if (event.key === 'Shift' || event.key === 'Control' || event.key === 'Alt' || event.key === 'Meta') return 'pass';
    const leave = event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey && now <= armedUntil;
    armedUntil = -Infinity;
    return leave ? 'leave' : 'pass';
  };
}

/**
 * Whether a terminal that has just appeared may take the focus. Not while the
 * keyboard moves along a tablist (its arrow keys would then land in the
 * shell); a click on the tab, or any other way there, lets it.
 */
export function mayTakeFocus(active: Pick<Element, 'getAttribute' | 'matches'> | null): boolean {
  if (active === null || active.getAttribute('role') !== 'tab') return true;
  return !active.matches(':focus-visible');
}
