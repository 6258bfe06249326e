// The engine VM at a glance: what it is doing (in plain words), Start/Stop
// (Cancel while it starts),
// its resource use, and on a failure the last command and the guest console.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VmStatus } from '../../../../runtime/domains/vm/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { plain } from './plain-error';
import { Spinner } from '../../components/Icons';
import { engineKeys } from '../engine/queries';
import { formatBytes } from '../../lib/format';
import { startingPhases, VmCancelButton } from './VmCancelButton';
import './vm.css';

const busyPhases = new Set(['preparing', 'booting', 'waiting-engine', 'stopping']);

export function VmPanel({ status }: { status: VmStatus | undefined }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: engineKeys.state() });
  const start = useMutation({ mutationFn: () => client.request('vm.start', {}), onSettled: refresh });
  const stop = useMutation({ mutationFn: () => client.request('vm.stop', {}), onSettled: refresh });
  const phase = status?.phase ?? 'stopped';
  const busy = busyPhases.has(phase) || start.isPending || stop.isPending;
  const up = phase === 'running';
  const tone = up ? 'green' : phase === 'error' ? 'red' : busyPhases.has(phase) ? 'amber' : 'grey';
  const failure = start.error ?? stop.error;

  return (
    <div className="vm-panel" data-testid="vm-panel" data-phase={phase}>
      <div className="vm-head">
        {busyPhases.has(phase) ? (
          <Spinner size={12} />
        ) : (
          <span className={`status-dot dot-${tone}`} aria-hidden="true" />
        )}
        <strong className="vm-phase">{t(`vm.phase.${phase}`)}</strong>
        {status?.accel && (
          <span className="pill" title={t('vm.accelHelp')}>
            {t(`vm.accel.${status.accel}`, { defaultValue: status.accel })}
          </span>
        )}
        {status?.imageVersion && <span className="muted small">{t('vm.image', { version: status.imageVersion })}</span>}
        <span className="vm-spacer" />
        {startingPhases.has(phase) ? (
          <VmCancelButton label={t('vmCancel.panelLabel')} />
        ) : up || busyPhases.has(phase) ? (
          <button type="button" className="button" disabled={busy && phase !== 'running'} onClick={() => stop.mutate()}>
            {stop.isPending && <Spinner size={14} />}
            {t('vm.stop')}
          </button>
        ) : (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => start.mutate()}>
            {start.isPending && <Spinner size={14} />}
            {t('vm.start')}
          </button>
        )}
      </div>
      {status?.progress && (
        <p className="notice vm-progress" role="status">
          {busyPhases.has(phase) && <Spinner size={14} />}
          {status.progress}
        </p>
      )}
      {phase !== 'running' && status?.cancelled && (
        <p className="notice vm-progress" role="status" data-testid="vm-cancelled">
          {t('vmCancel.cancelled')}
        </p>
      )}
      <VmSteps phase={phase} />
      <dl className="vm-facts">
        <dt>{t('vm.resources')}</dt>
        <dd>
          {status
            ? t('vm.resourcesValue', {
                cpus: status.resources.cpus,
                memory: status.resources.memoryMiB,
                disk: status.resources.diskGiB,
              })
            : '…'}
        </dd>
        {status?.usage && (
          <>
            <dt>{t('vm.usage')}</dt>
            <dd data-testid="vm-usage">
              {t('vm.usageValue', {
                cpu: status.usage.cpuPercent,
                memory: status.usage.memoryMiB,
                disk: formatBytes(status.usage.diskBytes),
              })}
            </dd>
          </>
        )}
        {status?.endpoint && (
          <>
            <dt>{t('vm.socket')}</dt>
            <dd>
              <code>{status.endpoint}</code>
            </dd>
          </>
        )}
        {status?.readyMs !== undefined && up && (
          <>
            <dt>{t('vm.readyIn')}</dt>
            <dd>{t('vm.seconds', { seconds: (status.readyMs / 1000).toFixed(1) })}</dd>
          </>
        )}
      </dl>
      {status?.error && <ErrorAlert title={t('vm.failed')} messages={[status.error]} />}
      {failure && !status?.error && <ErrorAlert title={t('vm.failed')} messages={[plain(failure)]} />}
      {status?.lastCommand && (phase === 'error' || busyPhases.has(phase) || status.cancelled) && (
        <details className="vm-details" open={phase === 'error'}>
          <summary>{t('vm.lastCommand')}</summary>
          <pre className="vm-pre">{status.lastCommand}</pre>
        </details>
      )}
      {phase === 'error' && status && status.logTail.length > 0 && (
        <details className="vm-details" open>
          <summary>{t('vm.console')}</summary>
          <pre className="vm-pre" data-testid="vm-console">
            {status.logTail.join('\n')}
          </pre>
        </details>
      )}
    </div>
  );
}

const steps = ['preparing', 'booting', 'waiting-engine', 'running'] as const;

/** The start as a row of steps, the current one marked. */
function VmSteps({ phase }: { phase: VmStatus['phase'] }) {
  const { t } = useTranslation();
  const at = steps.indexOf(phase as (typeof steps)[number]);
  if (at < 0 || phase === 'running') return null;
  return (
    <ol className="vm-steps" aria-label={t('vm.steps')}>
      {steps.map((s, i) => (
        <li
          key={s}
          className={i < at ? 'done' : i === at ? 'current' : ''}
          aria-current={i === at ? 'step' : undefined}
        >
          {t(`vm.step.${s}`)}
        </li>
      ))}
    </ol>
  );
}
