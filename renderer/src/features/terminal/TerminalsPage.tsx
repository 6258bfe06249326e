// All open terminals, in tabs, for one container or many; a new one opens in
// any running container. Terminals (and their shells) stay open while the
// user is elsewhere in the app.
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { PageHeader } from '../../components/PageHeader';
import { TabPanel } from '../../components/Tabs';
import { useContainers } from '../containers/queries';
import { terminals } from './terminal-registry';
import { TerminalExplainer } from './TerminalExplainer';
import { type OpenChoice, TerminalOptionsForm } from './TerminalOptionsForm';
import { TERMINAL_IDS, TerminalTabStrip } from './TerminalTabStrip';
import { TerminalView } from './TerminalView';
import { HostShellPanel } from '../shell/HostShellPanel';
import { useShellAvailable } from '../shell/queries';
import { isHost } from './terminal-entry';
import { HOST_SLOT } from './terminal-registry';

let lastActive: string | undefined;

export function TerminalsPage() {
  const { t } = useTranslation();
  const client = useClient();
  // Before reading the registry: the terminals of the page before a reload come back first.
  terminals.restore(client);
  const all = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  const running = (useContainers().data ?? []).filter((c) => c.state === 'running');
  const [active, setActiveState] = useState<string | undefined>(lastActive);
  const [picked, setPicked] = useState('');
  const [adding, setAdding] = useState(all.length === 0);
  const setActive = (key: string | undefined) => {
    lastActive = key;
    setActiveState(key);
  };
  const shown = all.find((s) => s.key === active) ?? all[all.length - 1];
  const target = running.find((c) => c.id === picked) ?? running[0];
  const hostOffered = useShellAvailable().data?.available === true;

  const open = (choice: OpenChoice) => {
    if (!target) return;
    const entry = terminals.open(client, { containerId: target.id, containerName: target.name, ...choice });
    setActive(entry.key);
    setAdding(false);
  };

  // The machine's shell: the one already open, else a new one.
  const openHost = () => {
    const slot = terminals.panelKey(HOST_SLOT);
    const entry = (slot !== undefined ? terminals.get(slot) : undefined) ?? terminals.open(client, { kind: 'host' });
    terminals.setPanel(HOST_SLOT, entry.key);
    setActive(entry.key);
    setAdding(false);
  };

  return (
    <section className="page terminals-page" aria-labelledby="terminals-title">
      <PageHeader id="terminals-title" title={t('terminal.pageTitle')} />
      <TerminalTabStrip
        entries={all}
        selected={adding ? undefined : shown?.key}
        adding={adding}
        onSelect={(key) => {
          setActive(key);
          setAdding(false);
        }}
        onClose={(key) => terminals.close(key)}
        onAdd={() => setAdding(true)}
        onHost={hostOffered ? openHost : undefined}
      />
      {adding || !shown ? (
        <div className="terminal-new">
          {all.length === 0 && <p className="muted">{t('terminal.pageEmpty')}</p>}
          {hostOffered && <p className="muted">{t('shell.newHint')}</p>}
          {running.length === 0 ? (
            <p className="muted">{t('terminal.noRunning')}</p>
          ) : (
            <TerminalOptionsForm onOpen={open}>
              <label className="terminal-field">
                <span>{t('terminal.container')}</span>
                <select
                  className="input input-small"
                  value={target?.id ?? ''}
                  onChange={(e) => setPicked(e.target.value)}
                >
                  {running.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            </TerminalOptionsForm>
          )}
          <TerminalExplainer />
        </div>
      ) : (
        <TabPanel idPrefix={TERMINAL_IDS} id={shown.key} className="terminal-page-panel">
          {isHost(shown.options) ? (
            <HostShellPanel key={shown.key} entryKey={shown.key} />
          ) : (
            <>
              <TerminalView key={shown.key} entryKey={shown.key} />
              <TerminalExplainer />
            </>
          )}
        </TabPanel>
      )}
    </section>
  );
}
