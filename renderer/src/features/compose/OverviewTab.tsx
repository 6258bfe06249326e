// A project's services: their image, their containers (links to their
// pages), how many replicas with a control to scale, and the actions on one
// service.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeProjectDetails } from '../../../../runtime/domains/compose/types';
import { PlayIcon, RestartIcon, StopIcon } from '../../components/Icons';
import { StateBadge } from '../../components/StateBadge';
import { TableFrame } from '../../components/TableFrame';
import { hrefTo } from '../../lib/useHashRoute';
import { tooltipProps } from '../../state/tooltip-store';
import type { ContainerState } from '../../../../runtime/domains/containers/types';
import { composeCommand, type ComposeCommandTarget, type ComposeOp } from './compose-command';
import { useComposeUi } from './compose-store';
import { useComposeRun } from './useComposeRun';

interface Props {
  details: ComposeProjectDetails;
  target: ComposeCommandTarget;
  fileId: string | undefined;
  stale: boolean;
}

function Scale({
  service,
  replicas,
  target,
  fileId,
  disabled,
}: {
  service: string;
  replicas: number;
  target: ComposeCommandTarget;
  fileId: string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { run } = useComposeRun();
  const [value, setValue] = useState(String(replicas));
  const n = Number(value);
  const valid = /^\d+$/.test(value) && n >= 0 && n <= 100;
  const op: ComposeOp = { kind: 'scale', service, replicas: valid ? n : replicas };
  return (
    <form
      className="compose-scale"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && n !== replicas) run(target.project, op, fileId);
      }}
    >
      <input
        type="number"
        min={0}
        max={100}
        className="input-small"
        aria-label={t('compose.overview.replicasOf', { service })}
        aria-invalid={!valid || undefined}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="submit"
        className="button button-small"
        disabled={disabled || !valid || n === replicas}
        {...tooltipProps(t('compose.overview.scale'), undefined, { command: composeCommand(target, op) })}
      >
        {t('compose.overview.scale')}
      </button>
    </form>
  );
}

export function OverviewTab({ details, target, fileId, stale }: Props) {
  const { t } = useTranslation();
  const { run } = useComposeRun();
  const busy = useComposeUi((s) => s.runs[target.project]?.done === false);
  const model = details.model;
  const names = [
    ...new Set([...(model?.services.map((s) => s.name) ?? []), ...details.containers.map((c) => c.service)]),
  ];
  const act = (kind: 'start' | 'stop' | 'restart', service: string) =>
    run(target.project, { kind, services: [service] }, fileId);
  return (
    <TableFrame
      label={t('compose.overview.services')}
      className="compose-services"
      stale={stale}
      columns={[
        { head: t('compose.overview.service') },
        { head: t('compose.overview.image') },
        { head: t('compose.overview.containers') },
        { head: t('compose.overview.replicas') },
        { head: t('containers.colActions'), hidden: true },
      ]}
    >
      {names.map((name) => {
        const service = model?.services.find((s) => s.name === name);
        const containers = details.containers.filter((c) => c.service === name);
        const running = containers.filter((c) => c.state === 'running').length;
        return (
          <tr key={name} className="row" data-testid="compose-service-row" data-service={name}>
            <td className="cell-name">
              <span className="primary">{name}</span>
              <span className="secondary">{t('compose.group.running', { running, total: containers.length })}</span>
            </td>
            <td className="mono small">
              {service?.image ??
                (service?.build ? t('compose.overview.built', { context: service.build.context }) : '—')}
            </td>
            <td>
              {containers.length === 0 ? (
                <span className="muted">{t('compose.graph.notCreated')}</span>
              ) : (
                <ul className="compose-containers">
                  {containers.map((c) => (
                    <li key={c.id}>
                      <a href={hrefTo('containers', c.id)} className="name-link mono">
                        {c.name}
                      </a>{' '}
                      <StateBadge state={c.state as ContainerState} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <Scale
                key={service?.replicas ?? containers.length}
                service={name}
                replicas={containers.length > 0 ? containers.length : (service?.replicas ?? 1)}
                target={target}
                fileId={fileId}
                disabled={stale || busy}
              />
            </td>
            <td className="cell-actions">
              <div className="row-actions">
                {(
                  [
                    ['start', PlayIcon, running < containers.length],
                    ['stop', StopIcon, running > 0],
                    ['restart', RestartIcon, running > 0],
                  ] as const
                ).map(([kind, Icon, ok]) => {
                  const label = t(`compose.actions.${kind}`);
                  return (
                    <button
                      key={kind}
                      type="button"
                      className="icon-button"
                      aria-label={t('compose.actionOn', { action: label, project: name })}
                      disabled={stale || busy || !ok}
                      onClick={() => act(kind, name)}
                      {...tooltipProps(label, undefined, {
                        command: composeCommand(target, { kind, services: [name] }),
                      })}
                    >
                      <Icon />
                    </button>
                  );
                })}
              </div>
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}
