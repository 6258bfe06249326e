// When a download's docker command goes to the command bar: once the file is
// the user's. In a browser that is at once (its download manager has the
// address); in the desktop app, once the runtime has written the file the
// user chose, and never when they cancelled the save dialog.
import type { StartedDownload } from '../../api/client';

export function showWhenSaved(
  started: StartedDownload,
  commands: readonly string[],
  show: (commands: readonly string[]) => void,
): void {
  if (started.saved === undefined) {
    show(commands);
    return;
  }
  // A failed save is reported with the download's progress (useDownloads), not here.
  started.saved.then(
    (saved) => saved && show(commands),
    () => {},
  );
}
