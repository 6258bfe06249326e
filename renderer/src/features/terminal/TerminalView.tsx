// One open terminal: its command, a search box, the screen, and what to do
// when the session ended. The Terminal itself lives in the registry; this
// view only lends it a place on the page.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CopyIcon } from '../../components/Icons';
import { useEngineState } from '../engine/queries';
import { isMac } from './keys';
import { type TerminalSnapshot, isHost } from './terminal-entry';
import { terminals } from './terminal-registry';
import './terminal.css';

function useSnapshot(key: string): TerminalSnapshot | undefined {
  const all = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  return all.find((s) => s.key === key);
}

export function exitMessageKey(snapshot: TerminalSnapshot): { key: string; code?: number } | null {
  const exit = snapshot.exit;
  if (!exit) return null;
  if (exit.reason === 'container-stopped') {
    return exit.containerExitCode !== undefined
      ? { key: 'terminal.exit.container-stopped', code: exit.containerExitCode }
      : { key: 'terminal.exit.container-stopped-nocode' };
  }
  if (exit.reason === 'closed') return { key: 'shell.exit.closed' };
  if (exit.reason === 'process-exited') {
    return exit.exitCode !== undefined
      ? { key: 'terminal.exit.process-exited', code: exit.exitCode }
      : { key: 'terminal.exit.process-exited-nocode' };
  }
  return { key: `terminal.exit.${exit.reason}` };
}

export function TerminalView({ entryKey }: { entryKey: string }) {
  const { t } = useTranslation();
  const snapshot = useSnapshot(entryKey);
  const engine = useEngineState().data;
  // Podman's Docker-compatible attach ignores detach keys: Ctrl+P Ctrl+Q would reach the process.
  const podman = engine?.phase === 'connected' && engine.engine.kind === 'podman';
  const screenRef = useRef<HTMLDivElement>(null);
  const entry = terminals.get(entryKey);

  useLayoutEffect(() => {
    const parent = screenRef.current;
    if (!entry || !parent) return;
    entry.mount(parent);
    entry.focusIfFree();
    return () => entry.unmount();
  }, [entry]);

  if (!entry || !snapshot) return null;
  const options = snapshot.options;
  const host = isHost(options);
  const attach = !host && options.mode === 'attach';
  const session = snapshot.session;
  const name = host
    ? session && 'hostname' in session
      ? session.hostname
      : t('shell.thisMachine')
    : options.containerName;
  const command = session?.command;
  const exit = exitMessageKey(snapshot);
  const mac = isMac();

  return (
    <div
      className="terminal-view"
      data-testid="terminal"
      data-status={snapshot.status}
      data-renderer={snapshot.renderer}
    >
      <div className="terminal-toolbar">
        {command ? (
          <code className="terminal-command" data-testid="terminal-command" title={command}>
            <span className="prompt" aria-hidden="true">
              $
            </span>
            {command}
          </code>
        ) : (
          <span className="terminal-command muted">{t(host ? 'shell.opening' : 'terminal.opening', { name })}</span>
        )}
        {command && <CopyCommand text={command} />}
        <SearchBox entryKey={entryKey} />
        {snapshot.status === 'open' && (
          <button type="button" className="button button-small" onClick={() => void entry.detach()}>
            {attach ? t('terminal.detach') : t('terminal.exitShell')}
          </button>
        )}
      </div>
      {(snapshot.status === 'ended' || snapshot.status === 'failed') && (
        <div className={`terminal-banner ${snapshot.status === 'failed' ? 'terminal-banner-error' : ''}`} role="status">
          <div>
            <strong>{exit ? t(exit.key, { code: exit.code }) : t('terminal.failed')}</strong>
            {snapshot.status === 'failed' && snapshot.error && (
              <p className="terminal-banner-detail">
                {snapshot.error.message}
                {snapshot.error.hint ? ` ${snapshot.error.hint}` : ''}
              </p>
            )}
          </div>
          <button type="button" className="button button-small button-primary" onClick={() => void entry.connect()}>
            {t('terminal.reconnect')}
          </button>
        </div>
      )}
      <div
        className="terminal-screen"
        ref={screenRef}
        role="group"
        aria-label={t(host ? 'shell.label' : 'terminal.label', { name })}
      />
      <p className="terminal-hint muted">
        {t('terminal.keysHint', { copy: mac ? '⌘C' : 'Ctrl+Shift+C', paste: mac ? '⌘V' : 'Ctrl+Shift+V' })}
        {attach && <> · {t(podman ? 'terminal.detachHintPodman' : 'terminal.detachHint')}</>}
      </p>
    </div>
  );
}

function CopyCommand({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={t('terminal.copyCommand')}
      title={t('terminal.copyCommand')}
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => {},
        )
      }
    >
      {copied ? <CheckIcon className="ok" /> : <CopyIcon />}
    </button>
  );
}

function SearchBox({ entryKey }: { entryKey: string }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const entry = terminals.get(entryKey);
  if (!entry) return null;
  const find = (forward: boolean) => {
    if (query === '') return;
    const options = {
      caseSensitive: false,
      decorations: {
        matchOverviewRuler: '#f2c66d',
        activeMatchColorOverviewRuler: '#ff8b92',
        matchBackground: '#5c4d1c',
        activeMatchBackground: '#8a4b12',
      },
    };
    if (forward) entry.search.findNext(query, options);
    else entry.search.findPrevious(query, options);
  };
  return (
    <div className="terminal-search">
      <input
        type="search"
        className="input input-small"
        placeholder={t('terminal.search')}
        aria-label={t('terminal.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find(!e.shiftKey);
          if (e.key === 'Escape') {
            setQuery('');
            entry.search.clearDecorations();
            entry.focus();
          }
        }}
      />
      <button
        type="button"
        className="icon-button"
        aria-label={t('terminal.searchPrevious')}
        onClick={() => find(false)}
      >
        ↑
      </button>
      <button type="button" className="icon-button" aria-label={t('terminal.searchNext')} onClick={() => find(true)}>
        ↓
      </button>
    </div>
  );
}
