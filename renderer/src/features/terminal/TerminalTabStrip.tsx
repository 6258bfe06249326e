// The Terminals page's strip: a tablist with one tab per open terminal, each
// tab's close button beside it (outside the tablist, drawn next to its tab),
// then the button that opens a new one and, where offered, the one that
// opens the shell on this machine.
import { useTranslation } from 'react-i18next';
import { Tabs } from '../../components/Tabs';
import { type TerminalSnapshot, isHost } from './terminal-entry';

export const TERMINAL_IDS = 'terminal-';

interface Props {
  entries: readonly TerminalSnapshot[];
  /** The shown terminal's key; undefined while the new-terminal form shows. */
  selected: string | undefined;
  adding: boolean;
  onSelect: (key: string) => void;
  onClose: (key: string) => void;
  onAdd: () => void;
  /** Opens (or shows) the shell on this machine; absent where it is not offered. */
  onHost?: (() => void) | undefined;
}

const labelOf = (s: TerminalSnapshot, thisMachine: string) => {
  const o = s.options;
  if (isHost(o)) return `${thisMachine} · ${s.session?.command ?? '…'}`;
  return `${o.containerName} · ${o.mode === 'attach' ? 'attach' : (s.session?.shell ?? o.command?.join(' ') ?? '…')}`;
};

export function TerminalTabStrip({ entries, selected, adding, onSelect, onClose, onAdd, onHost }: Props) {
  const { t } = useTranslation();
  const on = (key: string) => (key === selected ? ' terminal-tab-on' : '');
  const label = (s: TerminalSnapshot) => labelOf(s, t('shell.thisMachine'));
  return (
    // The tablist's box is not drawn (display: contents), so each close button
    // can sit after its tab by `order` while staying outside the tablist.
    <div className="terminal-tabs">
      <Tabs
        label={t('terminal.tabsLabel')}
        idPrefix={TERMINAL_IDS}
        className="terminal-tablist"
        tabClassName="terminal-tab"
        tabs={entries.map((s, i) => ({
          id: s.key,
          label: (
            <>
              <span className={`terminal-dot terminal-dot-${s.status}`} aria-hidden="true" />
              {label(s)}
              {/* Not by the dot's colour alone: a terminal that is not open says what it is. */}
              {s.status !== 'open' && <span className="terminal-tab-state"> ({t(`terminal.state.${s.status}`)})</span>}
            </>
          ),
          className: on(s.key).trim() || undefined,
          style: { order: 2 * i },
        }))}
        selected={selected}
        onSelect={onSelect}
      />
      {entries.map((s, i) => (
        <button
          key={s.key}
          type="button"
          className={`terminal-tab-close${on(s.key)}`}
          style={{ order: 2 * i + 1 }}
          aria-label={t('terminal.closeTab', { name: label(s) })}
          onClick={() => onClose(s.key)}
        >
          ×
        </button>
      ))}
      <button
        type="button"
        className={`terminal-tab-new ${adding ? 'terminal-tab-on' : ''}`}
        style={{ order: 2 * entries.length }}
        aria-pressed={adding}
        onClick={onAdd}
      >
        + {t('terminal.newTerminal')}
      </button>
      {onHost && (
        <button
          type="button"
          className="terminal-tab-new"
          style={{ order: 2 * entries.length + 1 }}
          title={t('shell.openHost')}
          data-learn="terminals.host"
          onClick={onHost}
        >
          {t('shell.thisMachine')}
        </button>
      )}
    </div>
  );
}
