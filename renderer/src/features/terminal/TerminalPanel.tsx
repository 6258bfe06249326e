// A container's terminal (its Terminal tab on the details page). A shell is
// opened as soon as the tab is shown for a running container; the options
// open another one (exec with another shell, user or folder, or attach).
// The terminal stays open, with its screen, when the user leaves the tab.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { useContainers } from '../../data/queries';
import { terminals } from './terminal-registry';
import { TerminalExplainer } from './TerminalExplainer';
import { type OpenChoice, TerminalOptionsForm } from './TerminalOptionsForm';
import { TerminalView } from './TerminalView';

/** The terminal each container's panel shows, by container id; outlives the panel. */
const panelTerminal = new Map<string, string>();

export function TerminalPanel({ containerId, containerName }: { containerId: string; containerName: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const all = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  const container = useContainers().data?.find((c) => c.id === containerId);
  const running = container?.state === 'running';
  const key = panelTerminal.get(containerId);
  const current = key !== undefined ? all.find((s) => s.key === key) : undefined;

  const open = (choice: OpenChoice) => {
    if (key !== undefined) terminals.close(key);
    const entry = terminals.open(client, { containerId, containerName, ...choice });
    panelTerminal.set(containerId, entry.key);
  };

  // The first visit to a running container's tab opens a shell right away.
  useEffect(() => {
    const shown = panelTerminal.get(containerId);
    if (running && (shown === undefined || !terminals.get(shown))) {
      const entry = terminals.open(client, { containerId, containerName, mode: 'exec' });
      panelTerminal.set(containerId, entry.key);
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
