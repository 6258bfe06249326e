// The command palette: one field that finds a page or an action on any
// container, image, volume, network or compose project (fuzzy), each shown
// with the docker command it stands for. A modal dialog holding an ARIA
// combobox and its listbox: arrows move, Enter runs, Escape closes.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchIcon } from '../../components/Icons';
import { useContainers } from '../containers/queries';
import { useComposeProjects, useComposeTool } from '../compose/queries';
import { DEFAULT_TOOL } from '../compose/compose-command';
import { useImages } from '../images/queries';
import { useNetworks } from '../networks/queries';
import { useVolumes } from '../volumes/queries';
import { fuzzyRank, type Ranked } from './fuzzy';
import { paletteEntries, searchText, type PaletteEntry } from './entries';

const SHOWN = 60;

interface Props {
  pages: readonly { route: string; label: string }[];
  /** Ids or names of what is selected or shown: their actions come first. */
  focus: ReadonlySet<string>;
  onChoose: (entry: PaletteEntry) => void;
  onClose: () => void;
}

/** The label with the letters the query matched marked. */
function Highlighted({ text, positions }: { text: string; positions: readonly number[] }) {
  if (positions.length === 0) return <>{text}</>;
  const marks = new Set(positions.filter((p) => p < text.length));
  const parts: ReactNode[] = [];
  let run = '';
  let marked = false;
  const flush = (i: number) => {
    if (run) parts.push(marked ? <mark key={i}>{run}</mark> : run);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (marks.has(i) !== marked) {
      flush(i);
      marked = !marked;
    }
    run += text[i];
  }
  flush(text.length);
  return <>{parts}</>;
}

export function CommandPalette({ pages, focus, onChoose, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const containers = useContainers().data;
  const images = useImages().data;
  const volumes = useVolumes().data;
  const networks = useNetworks().data;
  const projects = useComposeProjects().data;
  const tool = useComposeTool().data?.tool?.kind ?? DEFAULT_TOOL;

  const entries = useMemo(
    () =>
      paletteEntries({
        t: (key, params) => t(key, params ?? {}),
        pages,
        containers,
        images,
        volumes,
        networks,
        projects,
        composeTool: tool,
        focus,
      }),
    [t, pages, containers, images, volumes, networks, projects, tool, focus],
  );
  const ranked: Ranked<PaletteEntry>[] = useMemo(
    () => fuzzyRank(entries, query, searchText, { limit: SHOWN, boostOf: (e) => (e.focused ? 4 : 0) }),
    [entries, query],
  );
  const current = Math.min(active, Math.max(0, ranked.length - 1));
  const optionId = (i: number) => `${id}-o${i}`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    dialog.showModal();
    inputRef.current?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
    };
  }, [onClose]);

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const n = ranked.length;
    if (e.key === 'ArrowDown' && n > 0) setActive((current + 1) % n);
    else if (e.key === 'ArrowUp' && n > 0) setActive((current - 1 + n) % n);
    else if (e.key === 'PageDown' && n > 0) setActive(Math.min(n - 1, current + 8));
    else if (e.key === 'PageUp' && n > 0) setActive(Math.max(0, current - 8));
    else if (e.key === 'Enter') {
      const entry = ranked[current]?.item;
      if (entry) onChoose(entry);
    } else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    // A press on the dialog element itself is on its backdrop: it closes the palette.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <dialog
      ref={dialogRef}
      className="palette"
      aria-modal="true"
      aria-label={t('palette.title')}
      data-testid="command-palette"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="palette-field">
        <SearchIcon className="palette-search-icon" />
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-label={t('palette.input')}
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={ranked.length > 0 ? optionId(current) : undefined}
          aria-describedby={`${id}-help`}
          placeholder={t('palette.placeholder')}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul ref={listRef} id={`${id}-list`} role="listbox" aria-label={t('palette.results')} className="palette-list">
        {ranked.map(({ item, match }, i) => (
          // Options are chosen through the combobox's keys; the click is the mouse's way to the same.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={item.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            aria-describedby={item.command ? `${optionId(i)}-c` : undefined}
            data-entry={item.id}
            className={`palette-option${i === current ? ' active' : ''}${item.danger ? ' danger' : ''}`}
            onMouseMove={() => i !== current && setActive(i)}
            onClick={() => onChoose(item)}
          >
            <span className="palette-kind" aria-hidden="true">
              {t(`palette.group.${item.group}`)}
            </span>
            <span className="palette-text">
              <span className="palette-label">
                <Highlighted text={item.label} positions={match.positions} />
              </span>
              {(item.command ?? item.detail) !== undefined && (
                <span className="palette-second">
                  {item.command && (
                    <code id={`${optionId(i)}-c`} className="palette-command" aria-hidden="true">
                      {item.command}
                    </code>
                  )}
                  {item.detail && <span className="palette-detail">{item.detail}</span>}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
      {ranked.length === 0 && (
        <p className="palette-empty" role="status">
          {t('palette.empty', { query })}
        </p>
      )}
      <p id={`${id}-help`} className="palette-help">
        {t('palette.help')}
      </p>
    </dialog>
  );
}
