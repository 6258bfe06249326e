// Rules for every web page the app ever creates: it stays on app://wharf/,
// none of its frames navigates, it opens no windows, attaches no webviews and
// gets no permissions. Links to the web open in the OS browser, and only
// http(s) ones followed by the page itself.
import { app, shell, type Session } from 'electron';
import { isExternalWebUrl, navigationDecision, permissionAllowed } from './trust';

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

function decide(event: NavigationEvent, isMainFrame: boolean): void {
  const decision = navigationDecision(event.url, isMainFrame);
  if (decision.allow) return;
  event.preventDefault();
  if (decision.openExternally) void shell.openExternal(event.url);
}

export function hardenApp(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    // The main frame's navigations come as will-navigate (and will-frame-navigate); iframes' only as the latter.
    contents.on('will-navigate', (event) => decide(event, true));
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) decide(event, false);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
