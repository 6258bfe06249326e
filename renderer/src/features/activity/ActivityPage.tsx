// The Activity page: the engine's events, newest first, in plain words, with
// filters by type, name and time.
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandLine } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Explainer } from '../../components/Explainer';
import { Spinner } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { TableFrame } from '../../components/TableFrame';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import { FEATURES } from '..';
import { EventRow } from './EventRow';
import { TIME_SPANS, type TimeSpan, useActivity } from './queries';
import './activity.css';

const TYPES = ['all', 'container', 'image', 'volume', 'network', 'other'] as const;
type TypeFilter = (typeof TYPES)[number];

/** How many rows are drawn at once; the filters narrow the rest. */
const SHOWN = 500;

const SINCE_FLAG: Record<Exclude<TimeSpan, 'session'>, string> = {
  '15m': '15m',
  '1h': '1h',
  '6h': '6h',
  '24h': '24h',
  '7d': '168h',
};

export function ActivityPage({
  type: initialType,
  name: initialName,
}: {
  type?: string | undefined;
  name?: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const [type, setType] = useState<TypeFilter>(
    (TYPES as readonly string[]).includes(initialType ?? '') ? (initialType as TypeFilter) : 'all',
  );
  const [name, setName] = useState(initialName ?? '');
  const [span, setSpan] = useState<TimeSpan>('session');
  const needle = useDeferredValue(name.trim().toLowerCase());
  const query = useActivity(span);
  const routes = useMemo(() => new Set<string>(FEATURES.map((f) => f.route)), []);

  const events = useMemo(() => {
    const all = query.data?.events ?? [];
    const out = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const e = all[i]!;
      if (type !== 'all' && e.object !== type) continue;
      if (
        needle !== '' &&
        !e.name.toLowerCase().includes(needle) &&
        !(e.container ?? '').toLowerCase().includes(needle)
      )
        continue;
      out.push(e);
    }
    return out;
  }, [query.data, type, needle]);

  const command = [
    'docker events',
    span === 'session' ? '' : `--since ${SINCE_FLAG[span]}`,
    type !== 'all' && type !== 'other' ? `--filter type=${type}` : '',
  ]
    .filter((x) => x !== '')
    .join(' ');

  return (
    <section className="page activity-page" aria-labelledby="activity-title">
      <PageHeader
        id="activity-title"
        title={t('activity.title')}
        count={query.data ? t('activity.count', { count: events.length }) : undefined}
      >
        <p className="muted page-intro">{t('activity.intro')}</p>
        <Explainer title={t('activity.explainTitle')}>
          <p>{t('activity.explainText')}</p>
        </Explainer>
      </PageHeader>
      <CommandLine command={command} />
      <div className="activity-filters" role="group" aria-label={t('activity.filters')}>
        <label className="field-inline">
          <span>{t('activity.type')}</span>
          <select value={type} onChange={(e) => setType(e.target.value as TypeFilter)} data-testid="activity-type">
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`activity.types.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('activity.object')}</span>
          <input
            type="search"
            value={name}
            placeholder={t('activity.objectPlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field-inline">
          <span>{t('activity.time')}</span>
          <select value={span} onChange={(e) => setSpan(e.target.value as TimeSpan)} data-testid="activity-time">
            {TIME_SPANS.map((x) => (
              <option key={x} value={x}>
                {t(`activity.times.${x}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {query.data?.truncated && <p className="muted">{t('activity.truncated')}</p>}
      {query.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('common.loading')}
        </p>
      ) : query.error ? (
        <ErrorAlert title={t('activity.loadFailed')} messages={[toErrorLike(query.error)]} />
      ) : events.length === 0 ? (
        <div className="empty">
          <p className="empty-title">
            {(query.data?.events.length ?? 0) === 0 ? t('activity.emptyTitle') : t('activity.noMatchTitle')}
          </p>
          <p className="muted">
            {(query.data?.events.length ?? 0) === 0 ? t('activity.emptyText') : t('activity.noMatchText')}
          </p>
        </div>
      ) : (
        <TableFrame
          label={t('activity.listName')}
          className="activity-table"
          columns={[
            { col: 'col-atime', head: t('activity.health.when') },
            { col: 'col-atype', head: t('activity.type') },
            { head: t('activity.title') },
            { col: 'col-alink', head: t('activity.object') },
          ]}
        >
          {events.slice(0, SHOWN).map((e) => (
            <EventRow key={e.key} event={e} language={language} routes={routes} />
          ))}
        </TableFrame>
      )}
    </section>
  );
}
