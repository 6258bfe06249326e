// A container's terminal (its Terminal tab on the details page). A shell is
// opened as soon as the tab is shown for a running container; the options
// open another one (exec with another shell, user or folder, or attach).
// The terminal stays open, with its screen, when the user leaves the tab.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { useContainers } from '../containers/queries';
import { terminals } from './terminal-registry';
import { TerminalExplainer } from './TerminalExplainer';
import { type OpenChoice, TerminalOptionsForm } from './TerminalOptionsForm';
import { TerminalView } from './TerminalView';

export function TerminalPanel({ containerId, containerName }: { containerId: string; containerName: string }) {
  const { t } = useTranslation();
  const client = useClient();
  // Before reading the registry: the terminals of the page before a reload come back first.
  terminals.restore(client);
  const all = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  const container = useContainers().data?.find((c) => c.id === containerId);
  const running = container?.state === 'running';
  const key = terminals.panelKey(containerId);
  const current = key !== undefined ? all.find((s) => s.key === key) : undefined;

  const open = (choice: OpenChoice) => {
    if (key !== undefined) terminals.close(key);
    const entry = terminals.open(client, { containerId, containerName, ...choice });
    terminals.setPanel(containerId, entry.key);
  };

  // The first visit to a running container's tab opens a shell right away.
  useEffect(() => {
    const shown = terminals.panelKey(containerId);
    if (running && (shown === undefined || !terminals.get(shown))) {
      const entry = terminals.open(client, { containerId, containerName, mode: 'exec' });
      terminals.setPanel(containerId, entry.key);
    }
  }, [running, containerId, containerName, client]);

  return (
    <div className="terminal-panel">
      <TerminalOptionsForm onOpen={open} disabled={!running} />
      {!running && !current && <p className="muted">{t('terminal.notRunning', { name: containerName })}</p>}
      {current && <TerminalView key={current.key} entryKey={current.key} />}
      <TerminalExplainer />
    </div>
  );
}
