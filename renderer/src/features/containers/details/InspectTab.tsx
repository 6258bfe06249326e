// The whole `docker inspect` JSON: pretty, foldable, searchable, copyable.
// Secret-looking environment values are masked unless the user shows them.
import { Fragment, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dockerCommand } from '../../../../../runtime/api/docker-cli';
import { CommandLine } from '../../../components/CommandLine';
import { useCopy } from '../../../lib/useCopy';
import { Spinner } from '../../../components/Icons';
import { SearchBox } from '../../../components/SearchBox';
import { findRanges } from '../../logs/log-buffer';
import { MASK, isSecretKey } from './secrets';
import type { DetailsTabProps } from './tabs';

/** A copy of the inspect JSON with secret-looking Config.Env values masked. */
export function maskSecrets(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = raw as { Config?: { Env?: unknown } };
  const env = r.Config?.Env;
  if (!Array.isArray(env)) return raw;
  const masked = env.map((entry: unknown) => {
    if (typeof entry !== 'string') return entry;
    const eq = entry.indexOf('=');
    return eq > 0 && eq < entry.length - 1 && isSecretKey(entry.slice(0, eq))
      ? `${entry.slice(0, eq + 1)}${MASK}`
      : entry;
  });
  return { ...r, Config: { ...r.Config, Env: masked } };
}

/** For each line that opens an object or array, the line that closes it. */
export function foldRanges(lines: readonly string[]): Map<number, number> {
  const out = new Map<number, number>();
  const stack: number[] = [];
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (/^[}\]]/.test(trimmed)) {
      const open = stack.pop();
      if (open !== undefined) out.set(open, i);
    }
    if (/[{[]$/.test(trimmed)) stack.push(i);
  });
  return out;
}

const KEY = /^(\s*)("(?:[^"\\]|\\.)*")(: )?(.*)$/;

export function InspectTab({ container, raw }: DetailsTabProps) {
  return <InspectView raw={raw} command={dockerCommand('container.inspect', { containers: [container.name] })} />;
}

/** Any inspect JSON (a container's, an image's) with the command that shows it. */
export function InspectView({ raw, command }: { raw: unknown; command: string }) {
  const { t } = useTranslation();
  const [showSecrets, setShowSecrets] = useState(false);
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [copied, copy] = useCopy();
  const lineRefs = useRef(new Map<number, HTMLDivElement>());

  const text = useMemo(
    () => (raw === undefined ? '' : JSON.stringify(showSecrets ? raw : maskSecrets(raw), null, 2)),
    [raw, showSecrets],
  );
  const lines = useMemo(() => text.split('\n'), [text]);
  const folds = useMemo(() => foldRanges(lines), [lines]);
  const needle = query.trim().toLowerCase();
  const matches = useMemo(
    () => (needle === '' ? [] : lines.flatMap((l, i) => (l.toLowerCase().includes(needle) ? [i] : []))),
    [lines, needle],
  );
  const current = matches[Math.min(matchIndex, matches.length - 1)];

  useEffect(() => setMatchIndex(0), [needle]);

  // Open every fold that hides the current match, then bring it into view.
  useEffect(() => {
    if (current === undefined) return;
    const hiding = [...folds].filter(([open, close]) => collapsed.has(open) && open < current && current <= close);
    if (hiding.length > 0) {
      setCollapsed((c) => {
        const next = new Set(c);
        for (const [open] of hiding) next.delete(open);
        return next;
      });
      return;
    }
    lineRefs.current.get(current)?.scrollIntoView({ block: 'center' });
  }, [current, folds, collapsed]);

  if (raw === undefined) {
    return (
      <p className="muted">
        <Spinner size={14} /> {t('details.loading')}
      </p>
    );
  }

  const go = (delta: number) => {
    if (matches.length === 0) return;
    setMatchIndex((i) => (Math.min(i, matches.length - 1) + delta + matches.length) % matches.length);
  };
  const toggle = (line: number) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(line)) next.delete(line);
      else next.add(line);
      return next;
    });

  const rows: ReactElement[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const close = folds.get(i);
    const folded = close !== undefined && collapsed.has(i);
    const m = KEY.exec(line);
    const keyName = m?.[3] ? m[2]!.slice(1, -1) : undefined;
    rows.push(
      <div
        key={i}
        ref={(el) => {
          if (el) lineRefs.current.set(i, el);
          else lineRefs.current.delete(i);
        }}
        className={`json-line${i === current ? ' json-current' : ''}`}
      >
        <span className="json-gutter">
          {close !== undefined && (
            <button
              type="button"
              className="fold-button"
              aria-expanded={!folded}
              aria-label={t(folded ? 'details.inspect.expand' : 'details.inspect.collapse', { name: keyName ?? '' })}
              onClick={() => toggle(i)}
            >
              {folded ? '▸' : '▾'}
            </button>
          )}
        </span>
        <JsonText text={line} needle={needle} />
        {folded && (
          <>
            <span className="json-folded"> … </span>
            <JsonText text={lines[close]!.trim()} needle="" />
          </>
        )}
      </div>,
    );
    if (folded) i = close;
  }

  return (
    <div className="inspect-tab">
      <div className="logs-toolbar">
        <SearchBox
          label={t('details.inspect.search')}
          placeholder={t('details.inspect.searchPlaceholder')}
          query={query}
          onQuery={setQuery}
          needle={needle}
          matchCount={matches.length}
          matchIndex={matchIndex}
          go={go}
        />
        <span className="logs-spacer" />
        <button
          type="button"
          className="button button-small"
          onClick={() => setCollapsed(new Set([...folds.keys()].filter((k) => /^ {2}\S/.test(lines[k]!))))}
        >
          {t('details.inspect.collapseAll')}
        </button>
        <button type="button" className="button button-small" onClick={() => setCollapsed(new Set())}>
          {t('details.inspect.expandAll')}
        </button>
        <label className="check-inline">
          <input type="checkbox" checked={showSecrets} onChange={(e) => setShowSecrets(e.target.checked)} />
          {t('details.inspect.showSecrets')}
        </label>
        <button type="button" className="button button-small" onClick={() => copy(text)}>
          {copied ? t('commandBar.copied') : t('details.inspect.copy')}
        </button>
      </div>
      <div
        className="json-view"
        role="region"
        aria-label={t('details.inspect.label')}
        tabIndex={0}
        data-testid="inspect-json"
      >
        {rows}
      </div>
      <CommandLine command={command} />
    </div>
  );
}

/** One JSON line, coloured by role (key, string, number, literal), with search matches marked. */
function JsonText({ text, needle }: { text: string; needle: string }) {
  const m = KEY.exec(text);
  const parts: Array<[string, string]> = m?.[3]
    ? [
        ['', m[1]!],
        ['json-key', m[2]!],
        ['', m[3]],
        [valueClass(m[4]!), m[4]!],
      ]
    : [[valueClass(text.trim()), text]];
  const ranges = findRanges(text, needle);
  let offset = 0;
  return (
    <span className="json-text">
      {parts.map(([cls, part], i) => {
        const start = offset;
        offset += part.length;
        const inside = ranges
          .map(([a, b]) => [Math.max(a, start) - start, Math.min(b, offset) - start] as const)
          .filter(([a, b]) => a < b);
        if (inside.length === 0)
          return cls ? (
            <span key={i} className={cls}>
              {part}
            </span>
          ) : (
            <Fragment key={i}>{part}</Fragment>
          );
        const out: ReactElement[] = [];
        let pos = 0;
        for (const [a, b] of inside) {
          if (a > pos) out.push(<Fragment key={`t${a}`}>{part.slice(pos, a)}</Fragment>);
          out.push(<mark key={`m${a}`}>{part.slice(a, b)}</mark>);
          pos = b;
        }
        if (pos < part.length) out.push(<Fragment key="rest">{part.slice(pos)}</Fragment>);
        return (
          <span key={i} className={cls || undefined}>
            {out}
          </span>
        );
      })}
    </span>
  );
}

function valueClass(value: string): string {
  const v = value.replace(/,$/, '');
  if (v.startsWith('"')) return 'json-string';
  if (/^-?\d/.test(v)) return 'json-number';
  if (v === 'true' || v === 'false' || v === 'null') return 'json-literal';
  return '';
}
