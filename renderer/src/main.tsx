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
import './styles/theme.css';
import './styles/app.css';

// Electron hands us a transport; in a browser we open the WebSocket.
const transport = ipcTransport() ?? webSocketTransport(apiSocketUrl(window.location));
const client = createClient(transport);
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
