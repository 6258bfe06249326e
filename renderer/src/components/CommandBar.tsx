// The docker command behind the last action, always at hand and copyable.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../state/ui-store';
import { CopyButton } from './CopyButton';
import { HistoryIcon, TerminalIcon } from './Icons';
import './command-bar.css';

export function CommandBar() {
  const { t } = useTranslation();
  const commands = useUi((s) => s.recentCommands);
  const [open, setOpen] = useState(false);
  const popRef = useRef<HTMLDivElement>(null);
  const last = commands[0];

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!popRef.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <footer className="command-bar" data-testid="command-bar" aria-label={t('commandBar.label')}>
      <TerminalIcon className="command-bar-icon" />
      {last ? (
        <code className="command-bar-text" title={last}>
          <span className="prompt" aria-hidden="true">
            $
          </span>
          {last}
        </code>
      ) : (
        <span className="command-bar-empty">{t('commandBar.empty')}</span>
      )}
      <div className="command-bar-actions">
        {last && <CopyButton text={last} label={t('commandBar.copy')} />}
        <div className="popover-anchor">
          <button
            type="button"
            className="icon-button"
            aria-label={t('commandBar.history')}
            aria-expanded={open}
            disabled={commands.length === 0}
            onClick={() => setOpen((o) => !o)}
          >
            <HistoryIcon />
          </button>
          {open && (
            <div ref={popRef} className="popover" role="region" aria-label={t('commandBar.history')}>
              <p className="popover-title">{t('commandBar.history')}</p>
              <ul className="history-list">
                {commands.map((c) => (
                  <li key={c}>
                    <code title={c}>{c}</code>
                    <CopyButton text={c} label={t('commandBar.copyThis', { command: c })} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
    </footer>
  );
}
