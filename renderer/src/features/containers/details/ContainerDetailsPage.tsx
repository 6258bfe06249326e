// One container: its name, state and lifecycle buttons, and tabs (overview,
// logs, terminal, inspect, and what later features add).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ContainerAction,
  ContainerDetails,
  ContainerInspect,
  ContainerSummary,
} from '../../../../../runtime/domains/containers/types';
import { ApiError } from '../../../../../runtime/api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PlayIcon, RestartIcon, Spinner, StopIcon, TrashIcon } from '../../../components/Icons';
import { StateBadge } from '../../../components/StateBadge';
import { HealthBadge } from '../../activity/HealthBadge';
import { TabPanel, Tabs as TabStrip } from '../../../components/Tabs';
import { useContainers } from '../queries';
import { useContainerActions } from '../useContainerActions';
import { shortId } from '../../../lib/format';
import { hrefTo, navigate } from '../../../lib/useHashRoute';
import { useUi } from '../../../state/ui-store';
import { canRun } from '../container-logic';
import { RemoveDialog } from '../RemoveDialog';
import { DEFAULT_TAB, DETAILS_TABS } from './tabs';
import { useContainerInspect } from './useContainerInspect';
import { ConvenienceButtons } from '../../container-actions/ConvenienceButtons';
import { useContainerConveniences } from '../../container-actions/useContainerConveniences';
import './details.css';

const ACTIONS = [
  { action: 'start', Icon: PlayIcon, key: 'actions.start' },
  { action: 'stop', Icon: StopIcon, key: 'actions.stop' },
  { action: 'restart', Icon: RestartIcon, key: 'actions.restart' },
] as const;

export function ContainerDetailsPage({ id, tab, stale }: { id: string; tab: string | undefined; stale: boolean }) {
  const { t } = useTranslation();
  const list = useContainers();
  const container = list.data?.find((c) => c.id === id || c.name === id);
  const gone = list.data !== undefined && container === undefined;
  const inspect = useContainerInspect(container?.id ?? id, container, !gone && !stale);

  const notFound = inspect.error instanceof ApiError && inspect.error.code === 'not-found';
  if (gone || notFound) return <Gone id={id} />;
  if (!container) {
    return (
      <section className="page details-page" aria-busy="true">
        <p className="muted">
          <Spinner size={14} /> {t('details.loading')}
        </p>
      </section>
    );
  }
  const selected = DETAILS_TABS.find((x) => x.id === tab) ?? DETAILS_TABS.find((x) => x.id === DEFAULT_TAB)!;
  return (
    <section className="page details-page" aria-labelledby="details-title">
      <Header container={container} stale={stale} details={inspect.data?.details} />
      <Tabs container={container} selected={selected.id} details={inspect.data} />
      {inspect.error && !notFound && (
        <ErrorAlert title={t('details.inspectFailed')} messages={[{ message: inspect.error.message }]} />
      )}
    </section>
  );
}

function Header({
  container: c,
  stale,
  details,
}: {
  container: ContainerSummary;
  stale: boolean;
  details: ContainerDetails | undefined;
}) {
  const { t } = useTranslation();
  const act = useContainerActions();
  const conveniences = useContainerConveniences();
  const busy = useUi((s) => s.busy[c.id]);
  const failure = useUi((s) => s.failure);
  const [removing, setRemoving] = useState(false);
  return (
    <header className="details-header">
      <a className="back-link" href={hrefTo('containers')}>
        ← {t('nav.containers')}
      </a>
      <div className="details-title-row">
        <h1 id="details-title">{c.name}</h1>
        {busy ? (
          <span className="badge badge-busy">
            <Spinner size={12} />
            {t(`busy.${busy}`)}
          </span>
        ) : (
          <StateBadge state={c.state} />
        )}
        {c.health && c.state === 'running' && <HealthBadge health={c.health} />}
        <span className="mono muted details-id" title={c.id}>
          {shortId(c.id)}
        </span>
        <div className="details-actions">
          {ACTIONS.map(({ action, Icon, key }) => (
            <button
              key={action}
              type="button"
              className="button button-small"
              disabled={stale || busy !== undefined || !canRun(action as ContainerAction, c.state)}
              onClick={() => void act(action, [c])}
            >
              <Icon size={13} />
              {t(key)}
            </button>
          ))}
          <button
            type="button"
            className="button button-small button-danger-quiet"
            disabled={stale || busy !== undefined}
            onClick={() => setRemoving(true)}
          >
            <TrashIcon size={13} />
            {t('actions.remove')}
          </button>
        </div>
      </div>
      <ConvenienceButtons
        container={c}
        details={details}
        disabled={stale || busy !== undefined}
        onStart={(action, container, d) => void conveniences.start(action, container, d)}
      />
      {conveniences.element}
      {failure && (
        <ErrorAlert
          title={t('errors.actionFailed')}
          command={failure.command || undefined}
          messages={failure.errors}
          onDismiss={() => useUi.getState().setFailure(null)}
        />
      )}
      {removing && (
        <RemoveDialog
          targets={[c]}
          onCancel={() => setRemoving(false)}
          onConfirm={(options) => {
            setRemoving(false);
            void act('remove', [c], options);
          }}
        />
      )}
    </header>
  );
}

function Tabs({
  container,
  selected,
  details,
}: {
  container: ContainerSummary;
  selected: string;
  details: ContainerInspect | undefined;
}) {
  const { t } = useTranslation();
  // Panels stay mounted once opened, so a log keeps its lines and a terminal its session.
  const [visited, setVisited] = useState<readonly string[]>([selected]);
  useEffect(() => {
    setVisited((v) => (v.includes(selected) ? v : [...v, selected]));
  }, [selected]);

  return (
    <>
      <TabStrip
        label={t('details.tabsLabel')}
        idPrefix=""
        className="details-tabs"
        tabClassName="details-tab"
        tabs={DETAILS_TABS.map((tab) => ({
          id: tab.id,
          label: t(tab.labelKey),
          href: hrefTo('containers', container.id, tab.id),
        }))}
        selected={selected}
        onSelect={(to) => navigate(hrefTo('containers', container.id, to), { replace: true })}
      />
      {DETAILS_TABS.filter((tab) => visited.includes(tab.id) || tab.id === selected).map(({ id, Panel }) => (
        <TabPanel key={id} idPrefix="" id={id} hidden={id !== selected} className="details-panel">
          <Panel container={container} details={details?.details} raw={details?.raw} active={id === selected} />
        </TabPanel>
      ))}
    </>
  );
}

function Gone({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <section className="page details-page" aria-labelledby="gone-title">
      <div className="empty">
        <h1 id="gone-title" className="empty-title">
          {t('details.goneTitle')}
        </h1>
        <p className="muted">{t('details.goneText', { id: id.length > 24 ? shortId(id) : id })}</p>
        <a className="button" href={hrefTo('containers')}>
          {t('details.backToList')}
        </a>
      </div>
    </section>
  );
}
