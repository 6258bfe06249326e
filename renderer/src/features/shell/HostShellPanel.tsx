// The shell on the machine Wharf runs on, explained: whose machine, which
// engine its DOCKER_HOST names, and the terminal itself (the terminal
// feature's TerminalView). Reusable: the Terminals page shows it in its
// "This machine" tab, and a lesson can embed it as it is.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShellAvailability } from '../../../../runtime/domains/shell/types';
import { useClient } from '../../api/ClientProvider';
import { Explainer } from '../../components/Explainer';
import { TerminalView } from '../terminal/TerminalView';
import { HOST_SLOT, terminals } from '../terminal/terminal-registry';
import { useShellAvailable } from './queries';
import './shell.css';

/** The shell panel's terminal: the one in the machine's slot, opened on first show. */
function useHostEntry(enabled: boolean, entryKey: string | undefined): string | undefined {
  const client = useClient();
  terminals.restore(client);
  const all = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  const slotKey = terminals.panelKey(HOST_SLOT);
  useEffect(() => {
    if (!enabled || entryKey !== undefined) return;
    const shown = terminals.panelKey(HOST_SLOT);
    if (shown === undefined || !terminals.get(shown)) {
      const entry = terminals.open(client, { kind: 'host' });
      terminals.setPanel(HOST_SLOT, entry.key);
    }
  }, [enabled, entryKey, client, all]);
  const key = entryKey ?? slotKey;
  return key !== undefined && all.some((s) => s.key === key) ? key : undefined;
}

export interface HostShellPanelProps {
  /** A terminal of the registry to show; absent: the machine's own (opened when there is none). */
  entryKey?: string;
}

export function HostShellPanel({ entryKey }: HostShellPanelProps) {
  const { t } = useTranslation();
  const available = useShellAvailable().data;
  const key = useHostEntry(available?.available === true, entryKey);
  const snapshot = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot).find((s) => s.key === key);
  if (!available) return null;
  if (!available.available) {
    return (
      <div className="host-shell" data-testid="host-shell">
        <p className="notice" role="status">
          {t(`shell.unavailable.${available.reason ?? 'disabled'}`)}
        </p>
      </div>
    );
  }
  const session = snapshot?.session && 'hostname' in snapshot.session ? snapshot.session : null;
  // The shell keeps the engine it was opened with; Wharf may since use another.
  const moved =
    session && snapshot?.status === 'open' && session.engine?.endpoint !== available.engine?.endpoint
      ? session.engine
      : undefined;
  return (
    <div className="host-shell" data-testid="host-shell">
      <HostShellIntro available={available} />
      {moved !== undefined && (
        <p className="notice" role="status">
          {t('shell.engineMoved', {
            old: moved?.endpoint ?? t('shell.noEngineShort'),
            now: available.engine?.endpoint ?? t('shell.noEngineShort'),
          })}
        </p>
      )}
      {key !== undefined && <TerminalView key={key} entryKey={key} />}
      <Explainer title={t('shell.explainTitle')}>
        <p>{t('shell.explainClient')}</p>
        <p>{t('shell.explainSame')}</p>
        <p>{t('shell.explainCare')}</p>
      </Explainer>
    </div>
  );
}

function HostShellIntro({ available }: { available: ShellAvailability }) {
  const { t } = useTranslation();
  const engine = available.engine;
  return (
    <div className="host-shell-intro">
      <p className="host-shell-where">
        <strong>{t('shell.where', { host: available.hostname })}</strong> {t('shell.whereDetail')}
      </p>
      {engine ? (
        <>
          <p>{t(engine.kind === 'podman' ? 'shell.pointsPodman' : 'shell.pointsDocker')}</p>
          <ul className="host-shell-env" aria-label={t('shell.envLabel')}>
            {Object.entries(engine.env).map(([name, value]) => (
              <li key={name}>
                <code>
                  {name}={value}
                </code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('shell.noEngine')}</p>
      )}
    </div>
  );
}
