// All open terminals, in tabs, for one container or many; a new one opens in
// any running container. Terminals (and their shells) stay open while the
// user is elsewhere in the app.
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { PageHeader } from '../../components/PageHeader';
import { useContainers } from '../../data/queries';
import { terminals } from './terminal-registry';
import { TerminalExplainer } from './TerminalExplainer';
import { type OpenChoice, TerminalOptionsForm } from './TerminalOptionsForm';
import { TerminalView } from './TerminalView';

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

  const open = (choice: OpenChoice) => {
    if (!target) return;
    const entry = terminals.open(client, { containerId: target.id, containerName: target.name, ...choice });
    setActive(entry.key);
    setAdding(false);
  };

  return (
    <section className="page terminals-page" aria-labelledby="terminals-title">
      <PageHeader id="terminals-title" title={t('terminal.pageTitle')} />
      <div className="terminal-tabs" role="tablist" aria-label={t('terminal.tabsLabel')}>
        {all.map((s) => {
          const label = `${s.options.containerName} · ${s.options.mode === 'attach' ? 'attach' : (s.session?.shell ?? s.options.command?.join(' ') ?? '…')}`;
          const selected = s.key === shown?.key && !adding;
          return (
            <div key={s.key} className={`terminal-tab ${selected ? 'terminal-tab-on' : ''}`} data-status={s.status}>
              <button
                type="button"
                role="tab"
                aria-selected={selected}
                onClick={() => {
                  setActive(s.key);
                  setAdding(false);
                }}
              >
                <span className={`terminal-dot terminal-dot-${s.status}`} aria-hidden="true" />
                {label}
              </button>
              <button
                type="button"
                className="terminal-tab-close"
                aria-label={t('terminal.closeTab', { name: label })}
                onClick={() => terminals.close(s.key)}
              >
                ×
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className={`terminal-tab-new ${adding ? 'terminal-tab-on' : ''}`}
          aria-pressed={adding}
          onClick={() => setAdding(true)}
        >
          + {t('terminal.newTerminal')}
        </button>
      </div>
      {adding || !shown ? (
        <div className="terminal-new">
          {all.length === 0 && <p className="muted">{t('terminal.pageEmpty')}</p>}
          {running.length === 0 ? (
            <p className="muted">{t('terminal.noRunning')}</p>
          ) : (
            <TerminalOptionsForm onOpen={open}>
              <label className="terminal-field">
                <span>{t('terminal.container')}</span>
                <select className="input input-small" value={target?.id ?? ''} onChange={(e) => setPicked(e.target.value)}>
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
        <>
          <TerminalView key={shown.key} entryKey={shown.key} />
          <TerminalExplainer />
        </>
      )}
    </section>
  );
}
