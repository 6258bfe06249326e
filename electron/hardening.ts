// Rules for every web page the app ever creates: it stays on app://wharf/,
// opens no windows, attaches no webviews and gets no permissions. Links to
// the web open in the OS browser, and only http(s) ones.
import { app, shell, type Session } from 'electron';
import { isExternalWebUrl } from './trust';

function openExternally(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}

export function hardenApp(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      openExternally(event.url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}
