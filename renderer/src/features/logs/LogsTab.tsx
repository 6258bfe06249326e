// A container's logs: what its main process printed. Follow, tail, since,
// timestamps; search with next/previous and a filter; a cap on the lines
// kept; download; the command it stands for.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';
import { SearchBox } from '../../components/SearchBox';
import { useUi } from '../../state/ui-store';
import { CommandLine } from '../../components/CommandLine';
import { DEFAULT_CAP, LINE_CAPS, buildView, lineForDownload } from './log-buffer';
import { LogView, type LogViewHandle } from './LogView';
import { type LogRequest, type LogStream, useLogStream } from './useLogStream';
import './logs.css';

const TAILS = [100, 500, 1000, 5000, 10000, 'all'] as const;
const DEFAULT_TAIL = 500;
/** Since choices, in seconds back from now (0: any time). */
const SINCE = [0, 300, 900, 3600, 86400] as const;

export function LogsTab({ containerId, containerName }: { containerId: string; containerName: string }) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState<number | 'all'>(DEFAULT_TAIL);
  const [sinceChoice, setSinceChoice] = useState<number | 'custom'>(0);
  const [since, setSince] = useState<number>();
  const [customSince, setCustomSince] = useState('');
  const [sinceError, setSinceError] = useState<string>();
  const [wrap, setWrap] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [cap, setCap] = useState<number>(DEFAULT_CAP);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState(false);
  const [matchIndex, setMatchIndex] = useState(0);
  const [stick, setStick] = useState(true);
  const viewRef = useRef<LogViewHandle>(null);

  const request: LogRequest = {
    container: containerId,
    tail,
    timestamps,
    follow,
    ...(since !== undefined ? { since } : {}),
  };
  const stream = useLogStream(request, cap);
  const { buffer, version } = stream;

  const needle = query.trim().toLowerCase();
  // The buffer is mutable: version says when it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version stands for the mutable buffer's content
  const view = useMemo(() => buildView(buffer, needle, filter), [buffer, version, needle, filter]);
  const matches = view.matches;
  const current = matches.length > 0 ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  // A new search starts at the match nearest the end: the newest lines are what people look for first.
  useEffect(() => {
    setMatchIndex(Number.MAX_SAFE_INTEGER);
  }, [needle]);

  const go = (delta: number) => {
    if (matches.length === 0) return;
    const from = Math.min(matchIndex, matches.length - 1);
    const next = (from + delta + matches.length) % matches.length;
    setMatchIndex(next);
    reveal(next);
  };

  const reveal = (n: number) => {
    const bufferIndex = matches[n];
    if (bufferIndex === undefined) return;
    setStick(false);
    const viewIndex = view.rows ? n : bufferIndex;
    // After the render that un-sticks, so following does not pull the view back down.
    requestAnimationFrame(() => viewRef.current?.reveal(viewIndex));
  };

  // Jump to the current match when the search changes.
  useEffect(() => {
    if (needle !== '' && matches.length > 0) reveal(matches.length - 1);
    // Only on a new search, not on every new line.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new search jumps to its first match, not each new line
  }, [needle, filter]);

  const download = () => {
    const text = Array.from(buffer, lineForDownload).join('\n') + '\n';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${containerName}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const number = (n: number) => n.toLocaleString(language);

  return (
    <div className="logs-tab">
      <div className="logs-toolbar" role="group" aria-label={t('logs.options')}>
        <label className="check-inline">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          {t('logs.follow')}
        </label>
        <label className="field-inline">
          <span>{t('logs.tail')}</span>
          <select
            aria-label={t('logs.tailLabel')}
            value={String(tail)}
            onChange={(e) => setTail(e.target.value === 'all' ? 'all' : Number(e.target.value))}
          >
            {TAILS.map((n) => (
              <option key={n} value={String(n)}>
                {n === 'all' ? t('logs.tailAll') : number(n)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('logs.since')}</span>
          <select
            value={String(sinceChoice)}
            onChange={(e) => {
              if (e.target.value === 'custom') {
                setSinceChoice('custom');
                return;
              }
              const back = Number(e.target.value);
              setSinceChoice(back);
              setSinceError(undefined);
              setSince(back === 0 ? undefined : Math.floor(Date.now() / 1000) - back);
            }}
          >
            {SINCE.map((s) => (
              <option key={s} value={String(s)}>
                {t(`logs.sinceChoice.${s}`)}
              </option>
            ))}
            <option value="custom">{t('logs.sinceChoice.custom')}</option>
          </select>
        </label>
        {sinceChoice === 'custom' && (
          <input
            type="datetime-local"
            step={1}
            className="input input-small logs-since-custom"
            aria-label={t('logs.sinceCustom')}
            aria-invalid={sinceError !== undefined}
            value={customSince}
            onChange={(e) => {
              const value = e.target.value;
              setCustomSince(value);
              const ms = value === '' ? Number.NaN : new Date(value).getTime();
              if (value === '') {
                setSinceError(undefined);
                setSince(undefined);
              } else if (Number.isNaN(ms)) setSinceError(t('logs.sinceInvalid'));
              else if (ms > Date.now()) setSinceError(t('logs.sinceFuture'));
              else {
                setSinceError(undefined);
                setSince(Math.floor(ms / 1000));
              }
            }}
          />
        )}
        <label className="check-inline">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
          {t('logs.timestamps')}
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          {t('logs.wrap')}
        </label>
        <span className="logs-spacer" />
        <button type="button" className="button button-small" onClick={download} disabled={buffer.length === 0}>
          {t('logs.download')}
        </button>
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
          format={number}
        />
        <label className="check-inline">
          <input type="checkbox" checked={filter} onChange={(e) => setFilter(e.target.checked)} />
          {t('logs.filter')}
        </label>
        <span className="logs-spacer" />
        <label className="field-inline">
          <span>{t('logs.keep')}</span>
          <select aria-label={t('logs.keepLabel')} value={cap} onChange={(e) => setCap(Number(e.target.value))}>
            {LINE_CAPS.map((n) => (
              <option key={n} value={n}>
                {t('logs.lines', { n: number(n) })}
              </option>
            ))}
          </select>
        </label>
      </div>

      {sinceError !== undefined && (
        <p className="logs-since-error" role="alert">
          {sinceError}
        </p>
      )}
      <StatusLine stream={stream} follow={follow} number={number} />

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
          label={t('logs.linesLabel')}
          wrap={wrap}
        />
        {buffer.length === 0 && stream.status.state !== 'connecting' && !stream.error && (
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

      <CommandLine command={stream.command} />
      <Explainer title={t('logs.whatIs')}>
        <p>{t('logs.explain1')}</p>
        <p>
          <Trans i18nKey="logs.explain2" components={{ code: <code /> }} />
        </p>
        {stream.tty ? (
          <p>{t('logs.ttyNote')}</p>
        ) : (
          <p>
            <Trans i18nKey="logs.explainOrder" components={{ code: <code /> }} />
          </p>
        )}
      </Explainer>
    </div>
  );
}

function StatusLine({ stream, follow, number }: { stream: LogStream; follow: boolean; number: (n: number) => string }) {
  const { t } = useTranslation();
  const { buffer, status, error } = stream;
  let text: string;
  let tone = 'grey';
  if (error) {
    text = error.message;
    tone = 'red';
  } else if (status.state === 'connecting') text = t('logs.state.connecting');
  else if (status.state === 'following') {
    text = t('logs.state.following');
    tone = 'green';
  } else if (status.state === 'waiting') {
    text =
      'exitCode' in status && status.exitCode !== undefined
        ? t('logs.state.waitingExit', { code: status.exitCode })
        : t('logs.state.waiting');
    tone = 'amber';
  } else if ('message' in status && status.message === 'removed') text = t('logs.state.removed');
  else text = follow ? t('logs.state.ended') : t('logs.state.snapshot');
  return (
    <div className={`logs-status${error ? ' logs-status-error' : ''}`} role={error ? 'alert' : undefined}>
      <span className={`status-dot dot-${tone}`} aria-hidden="true" />
      <span data-testid="logs-state" data-state={error ? 'error' : status.state}>
        {text}
      </span>
      <span className="logs-count" data-testid="logs-count">
        {buffer.dropped > 0
          ? t('logs.showingLast', { n: number(buffer.length), dropped: number(buffer.dropped) })
          : t('logs.showing', { count: buffer.length, n: number(buffer.length) })}
      </span>
    </div>
  );
}
