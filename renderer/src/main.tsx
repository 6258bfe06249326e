// Shared styles first, so a page's own stylesheet (imported by the page) comes after them.
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import './styles/alerts.css';
import './styles/dialogs.css';
import './styles/tooltip.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Transport } from '../../runtime/api/protocol';
import { App } from './App';
import { forgetToken, saveToken, splitToken, takeToken, TOKEN_KEY } from './api/browser-token';
import { createClient } from './api/client';
import { ClientProvider } from './api/ClientProvider';
import { ipcTransport } from './api/ipc-transport';
import { apiSocketUrl, webSocketTransport } from './api/ws-transport';
import { trackLongActions } from './features/activity/notifications/long-actions';
import { initI18n } from './i18n';
import { decideReload } from './lib/load-retry';
import { TokenPage, type TokenProblem } from './features/browser-token/TokenPage';
import { useUi } from './state/ui-store';

// A screen's file that fails to load reloads the page for that address, a
// few times (lib/load-retry.ts); past that, the screen's error boundary says so.
const RELOADS_KEY = 'wharf.reloadedFor';
window.addEventListener('vite:preloadError', (event) => {
  const decision = decideReload(sessionStorage.getItem(RELOADS_KEY), window.location.href, Date.now());
  if (!decision.reload) return;
  sessionStorage.setItem(RELOADS_KEY, decision.store);
  event.preventDefault();
  window.setTimeout(() => window.location.reload(), decision.delayMs);
});

initI18n(useUi.getState().language);
const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root');
const root = createRoot(element);

// Electron hands us a transport. In a browser, the token `wharf serve` printed
// (in the link's fragment) opens the WebSocket; without it, the page says where to find it.
const ipc = ipcTransport();
if (ipc) startApp(ipc);
else startBrowser();

function startBrowser() {
  const place = { location: window.location, history: window.history, storage: window.sessionStorage };
  // A link with a token opened in this tab later (only the fragment changed, so no reload): take it,
  // before the router hears of the change, and start over when it is another token.
  window.addEventListener('hashchange', () => {
    if (splitToken(window.location.href).token === null) return;
    const before = window.sessionStorage.getItem(TOKEN_KEY);
    if (takeToken(place) !== before) window.location.reload();
  });
  const token = takeToken(place);
  if (token === null) return showTokenPage('missing');
  const transport = webSocketTransport(apiSocketUrl(window.location), token);
  transport.onRefused(() => {
    forgetToken(window.sessionStorage);
    showTokenPage('refused');
  });
  startApp(transport);
}

function showTokenPage(problem: TokenProblem) {
  const onToken = (token: string) => {
    saveToken(window.sessionStorage, token);
    window.location.reload();
  };
  root.render(
    <StrictMode>
      <TokenPage problem={problem} origin={window.location.origin} onToken={onToken} />
    </StrictMode>,
  );
}

function startApp(transport: Transport) {
  // Long actions (pull, push, build, compose up) report their end, for notifications.
  const client = trackLongActions(createClient(transport));
  // Terminals open before a reload of this page come back, reattached to their
  // sessions (the key is terminal-registry's SAVED_KEY; the terminal code loads only then).
  if ((sessionStorage.getItem('wharf.terminals') ?? '[]') !== '[]') {
    void import('./features/terminal/terminal-registry').then((m) => m.terminals.restore(client));
  }
  const queryClient = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false } },
  });
  root.render(
    <StrictMode>
      <ClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </ClientProvider>
    </StrictMode>,
  );
}
