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
import { App } from './App';
import { createClient } from './api/client';
import { ClientProvider } from './api/ClientProvider';
import { ipcTransport } from './api/ipc-transport';
import { apiSocketUrl, webSocketTransport } from './api/ws-transport';
import { initI18n } from './i18n';
import { useUi } from './state/ui-store';

// Electron hands us a transport; in a browser we open the WebSocket.
const transport = ipcTransport() ?? webSocketTransport(apiSocketUrl(window.location));
const client = createClient(transport);
// Terminals open before a reload of this page come back, reattached to their
// sessions (the key is terminal-registry's SAVED_KEY; the terminal code loads only then).
if ((sessionStorage.getItem('wharf.terminals') ?? '[]') !== '[]') {
  void import('./features/terminal/terminal-registry').then((m) => m.terminals.restore(client));
}
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});
initI18n(useUi.getState().language);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ClientProvider>
  </StrictMode>,
);
