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
