import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Explainer } from '../../components/Explainer';
import {
  CloseIcon,
  PauseIcon,
  PlayIcon,
  RestartIcon,
  SearchIcon,
  StopIcon,
  TrashIcon,
  UnpauseIcon,
} from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { ListStatus } from '../../components/ListStatus';
import { useContainers } from './queries';
import { useContainerActions } from './useContainerActions';
import { useNow } from '../../lib/useNow';
import { warmFormats } from '../../lib/format';
import { whenIdle } from '../../lib/when-idle';
import { useUi } from '../../state/ui-store';
import { useComposeUi } from '../compose/compose-store';
import { usePrefetchComposeTool } from '../compose/queries';
import { groupByProject, groupsOf, matchesComposeFilter, visibleRows, type GroupCache } from './compose-groups';
import { canRun, matchesFilter } from './container-logic';
import { ContainerTable } from './ContainerTable';
import { RemoveDialog } from './RemoveDialog';
import './containers.css';

export function ContainersPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const query = useContainers();
  const filter = useUi((s) => s.containerFilter);
  const setFilter = useUi((s) => s.setContainerFilter);
  const selectedMap = useUi((s) => s.selected);
  const failure = useUi((s) => s.failure);
  const act = useContainerActions();
  const now = useNow(30_000);
  const [removing, setRemoving] = useState<readonly ContainerSummary[] | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const all = query.data;
  // The rows' time formatters are made while the list is on its way.
  const language = useUi((s) => s.language);
  useEffect(() => whenIdle(() => warmFormats(language)), [language]);
  const containers = useMemo(
    () =>
      (all ?? [])
        .filter((c) => matchesFilter(c, filter) || matchesComposeFilter(c, filter))
        .sort((a, b) => b.created - a.created || a.name.localeCompare(b.name)),
    [all, filter],
  );
  const collapsed = useComposeUi((s) => s.collapsed);
  // Groups whose members did not change stay the same objects, so their rows do not render again.
  const shownGroups = useRef<GroupCache | undefined>(undefined);
  const entries = useMemo(() => groupByProject(containers, shownGroups.current), [containers]);
  useEffect(() => {
    shownGroups.current = groupsOf(entries);
  }, [entries]);
  const rows = useMemo(() => visibleRows(entries, collapsed), [entries, collapsed]);
  const onExpand = useCallback(
    (project: string, on: boolean) => useComposeUi.getState().setCollapsed(project, !on),
    [],
  );
  // The group rows' commands name the compose tool when they are shown; its status is read once the
  // list has projects, after the rows are drawn (a list without projects never needs it).
  usePrefetchComposeTool(entries.some((e) => e.kind === 'group'));
  const selected = useMemo(() => (all ?? []).filter((c) => selectedMap[c.id]), [all, selectedMap]);

  // "/" jumps to the filter from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog, [role="dialog"]')) return;
      e.preventDefault();
      filterRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onToggle = useCallback((id: string, on: boolean) => useUi.getState().setSelected([id], on), []);
  const onToggleAll = useCallback(
    (on: boolean) =>
      useUi.getState().setSelected(
        containers.map((c) => c.id),
        on,
      ),
    [containers],
  );
  const onAct = useCallback((action: ContainerAction, c: ContainerSummary) => void act(action, [c]), [act]);
  const onRemove = useCallback((c: ContainerSummary) => setRemoving([c]), []);

  const actOnSelection = (action: ContainerAction) => {
    const targets = selected.filter((c) => canRun(action, c.state));
    if (action === 'remove') setRemoving(targets);
    else void act(action, targets);
  };

  const running = (all ?? []).filter((c) => c.state === 'running').length;

  return (
    <section className="page" aria-labelledby="containers-title">
      <PageHeader
        id="containers-title"
        title={t('nav.containers')}
        count={all ? t('containers.summary', { total: all.length, running }) : undefined}
      >
        <Explainer title={t('containers.whatIs')}>
          <p>{t('containers.explain1')}</p>
          <p>
            <Trans i18nKey="containers.explain2" components={{ code: <code /> }} />
          </p>
        </Explainer>
      </PageHeader>

      {failure && (
        <ErrorAlert
          title={t('errors.actionFailed')}
          command={failure.command || undefined}
          messages={failure.errors}
          onDismiss={() => useUi.getState().setFailure(null)}
        />
      )}

      <div className="toolbar-row">
        <div className="search">
          <SearchIcon className="search-icon" />
          <input
            ref={filterRef}
            type="search"
            aria-label={t('containers.filter')}
            placeholder={t('containers.filterPlaceholder')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setFilter('')}
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        {selected.length > 0 && (
          <div role="toolbar" aria-label={t('containers.selection')} className="selection-bar">
            <span className="selection-count">{t('containers.selectedCount', { n: selected.length })}</span>
            <button
              type="button"
              className="button button-small"
              disabled={stale || !selected.some((c) => canRun('start', c.state))}
              onClick={() => actOnSelection('start')}
            >
              <PlayIcon size={13} />
              {t('actions.start')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={stale || !selected.some((c) => canRun('stop', c.state))}
              onClick={() => actOnSelection('stop')}
            >
              <StopIcon size={13} />
              {t('actions.stop')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={stale || !selected.some((c) => canRun('restart', c.state))}
              onClick={() => actOnSelection('restart')}
            >
              <RestartIcon size={13} />
              {t('actions.restart')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={stale || !selected.some((c) => canRun('pause', c.state))}
              onClick={() => actOnSelection('pause')}
            >
              <PauseIcon size={13} />
              {t('actions.pause')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={stale || !selected.some((c) => canRun('unpause', c.state))}
              onClick={() => actOnSelection('unpause')}
            >
              <UnpauseIcon size={13} />
              {t('actions.unpause')}
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              disabled={stale}
              onClick={() => actOnSelection('remove')}
            >
              <TrashIcon size={13} />
              {t('actions.remove')}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('containers.clearSelection')}
              onClick={() => useUi.getState().clearSelection()}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        )}
      </div>

      <ListStatus query={query} stale={stale} />

      {all && all.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('containers.emptyTitle')}</p>
          <p className="muted">{t('containers.emptyText')}</p>
          <code className="empty-command">docker run -d --name web -p 8080:80 nginx</code>
        </div>
      ) : all && containers.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('containers.noMatch', { filter })}</p>
          <button type="button" className="button" onClick={() => setFilter('')}>
            {t('containers.clearFilter')}
          </button>
        </div>
      ) : all ? (
        <ContainerTable
          containers={containers}
          rows={rows}
          onExpand={onExpand}
          stale={stale}
          now={now}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          onAct={onAct}
          onRemove={onRemove}
        />
      ) : null}

      {removing && removing.length > 0 && (
        <RemoveDialog
          targets={removing}
          onCancel={() => setRemoving(null)}
          onConfirm={(options) => {
            const targets = removing;
            setRemoving(null);
            void act('remove', targets, options);
          }}
        />
      )}
    </section>
  );
}
