// A project's logs: every service's containers merged in time order, each
// line prefixed with its container (`web-1 |`) in its service's colour, with
// the search, filter and follow of a container's logs (the same LogView).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandLine } from '../../components/CommandLine';
import { SearchBox } from '../../components/SearchBox';
import { buildView, type StoredLine } from '../logs/log-buffer';
import { LogView, type LogViewHandle } from '../logs/LogView';
import '../logs/logs.css';
import { useProjectLogs } from './useProjectLogs';

const TAILS = [100, 500, 1000, 5000, 'all'] as const;

export function ProjectLogs({ project }: { project: string }) {
  const { t } = useTranslation();
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState<number | 'all'>(500);
  const [service, setService] = useState('');
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState(false);
  const [matchIndex, setMatchIndex] = useState(0);
  const [stick, setStick] = useState(true);
  const viewRef = useRef<LogViewHandle>(null);
  const logs = useProjectLogs(project, tail, follow);
  const { buffer, version, services } = logs;

  const needle = query.trim().toLowerCase();
  const tone = services.indexOf(service);
  const view = useMemo(
    () => buildView(buffer, needle, filter, service === '' ? undefined : (l: StoredLine) => l.tone === tone),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version stands for the mutable buffer's content
    [buffer, version, needle, filter, service, tone],
  );
  const matches = view.matches;
  const current = matches.length > 0 ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  useEffect(() => setMatchIndex(Number.MAX_SAFE_INTEGER), [needle]);

  const reveal = (n: number) => {
    const bufferIndex = matches[n];
    if (bufferIndex === undefined) return;
    setStick(false);
    const viewIndex = view.rows ? view.rows.indexOf(bufferIndex) : bufferIndex;
    requestAnimationFrame(() => viewRef.current?.reveal(viewIndex));
  };
  const go = (delta: number) => {
    if (matches.length === 0) return;
    const next = (Math.min(matchIndex, matches.length - 1) + delta + matches.length) % matches.length;
    setMatchIndex(next);
    reveal(next);
  };

  const shown = view.rows ? view.rows.length : buffer.length;
  return (
    <div className="logs-tab compose-logs">
      <div className="logs-toolbar" role="group" aria-label={t('logs.options')}>
        <label className="check-inline">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          {t('logs.follow')}
        </label>
        <label className="field-inline">
          <span>{t('logs.tail')}</span>
          <select
            value={String(tail)}
            onChange={(e) => setTail(e.target.value === 'all' ? 'all' : Number(e.target.value))}
          >
            {TAILS.map((n) => (
              <option key={n} value={String(n)}>
                {n === 'all' ? t('logs.tailAll') : n}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('compose.logs.service')}</span>
          <select value={service} onChange={(e) => setService(e.target.value)} data-testid="logs-service">
            <option value="">{t('compose.logs.allServices')}</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          {t('logs.wrap')}
        </label>
      </div>
      <div className="logs-toolbar">
        <SearchBox
          label={t('logs.search')}
          placeholder={t('logs.searchPlaceholder')}
          query={query}
          onQuery={setQuery}
          needle={needle}
          matchCount={matches.length}
          matchIndex={matchIndex}
          go={go}
        />
        <label className="check-inline">
          <input type="checkbox" checked={filter} onChange={(e) => setFilter(e.target.checked)} />
          {t('logs.filter')}
        </label>
      </div>
      <div className={`logs-status${logs.error ? ' logs-status-error' : ''}`} role={logs.error ? 'alert' : undefined}>
        <span
          className={`status-dot dot-${logs.error ? 'red' : logs.state === 'following' ? 'green' : 'grey'}`}
          aria-hidden="true"
        />
        <span data-testid="logs-state" data-state={logs.error ? 'error' : logs.state}>
          {logs.error ? logs.error.message : t(`compose.logs.state.${logs.state}`)}
        </span>
        <span className="logs-count">{t('logs.showing', { count: shown, n: shown })}</span>
      </div>
      <div className="logs-body">
        <LogView
          buffer={buffer}
          version={version}
          rows={view.rows}
          needle={needle}
          current={current}
          stick={stick}
          onStickChange={setStick}
          handleRef={viewRef}
          label={t('compose.logs.label', { project })}
          wrap={wrap}
        />
        {buffer.length === 0 && logs.state !== 'connecting' && !logs.error && (
          <p className="logs-empty">{t('logs.empty')}</p>
        )}
        {!stick && (
          <button
            type="button"
            className="button button-primary logs-resume"
            onClick={() => {
              setStick(true);
              viewRef.current?.toBottom();
            }}
          >
            {follow ? t('logs.resume') : t('logs.toEnd')}
          </button>
        )}
      </div>
      <CommandLine command={logs.command} />
    </div>
  );
}
