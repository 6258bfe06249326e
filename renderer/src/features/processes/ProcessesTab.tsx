// The Processes tab of a container: what runs in it now (`docker top`), with
// each process's PID on the host and inside, refreshed every 2 s while shown.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { ProcessRow } from '../../../../runtime/domains/processes/types';
import { CommandLine } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Explainer } from '../../components/Explainer';
import { Spinner } from '../../components/Icons';
import { TableFrame } from '../../components/TableFrame';
import { formatBytes } from '../../lib/format';
import { toErrorLike } from '../files/useFileActions';
import { useTop } from './queries';
import './processes.css';

/** True while the page is visible: a hidden window does not ask every 2 s. */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const on = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return visible;
}

export function ProcessesTab({ container, active }: { container: ContainerSummary; active: boolean }) {
  const { t } = useTranslation();
  const visible = usePageVisible();
  const running = container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
  const top = useTop(container.id, active && visible && running);
  const command = top.data?.command ?? `docker top ${container.name}`;

  return (
    <div className="processes-tab">
      <CommandLine command={command} />
      <Explainer title={t('processes.explainTitle')}>
        <p>{t('processes.explainPid1')}</p>
        <p>{t('processes.explainHost')}</p>
      </Explainer>
      {!running ? (
        <div className="empty">
          <p className="empty-title">{t('processes.notRunningTitle')}</p>
          <p className="muted">{t('processes.notRunningText')}</p>
        </div>
      ) : top.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('common.loading')}
        </p>
      ) : top.error ? (
        <ErrorAlert title={t('processes.loadFailed')} messages={[toErrorLike(top.error)]} />
      ) : (
        <>
          <TableFrame
            label={t('processes.tableName', { name: container.name })}
            className="processes-table"
            columns={[
              { col: 'col-pid', head: t('processes.col.pid'), className: 'num' },
              { col: 'col-pid', head: t('processes.col.hostPid'), className: 'num' },
              { col: 'col-user', head: t('processes.col.user') },
              { col: 'col-cpu', head: t('processes.col.cpu'), className: 'num' },
              { col: 'col-mem', head: t('processes.col.memory'), className: 'num' },
              { head: t('processes.col.command') },
            ]}
          >
            {top.data.rows.map((row) => (
              <Row key={row.hostPid} row={row} />
            ))}
          </TableFrame>
          <p className="muted processes-note">
            {top.data.insideFrom === 'exec'
              ? t('processes.insideFromExec')
              : top.data.insideFrom === 'engine'
                ? t('processes.insideFromEngine')
                : t('processes.insideUnknown')}
          </p>
        </>
      )}
    </div>
  );
}

function Row({ row }: { row: ProcessRow }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="process-row" data-host-pid={row.hostPid}>
      <td className="num mono">{row.pid ?? <span title={t('processes.pidUnknown')}>?</span>}</td>
      <td className="num mono">{row.hostPid}</td>
      <td className="mono">{row.user}</td>
      <td className="num">{row.cpu !== undefined ? `${row.cpu.toFixed(1)}%` : '—'}</td>
      <td className="num">{row.memoryKiB !== undefined ? formatBytes(row.memoryKiB * 1024) : '—'}</td>
      <td className="mono process-command" title={row.command}>
        {row.command}
      </td>
    </tr>
  );
}
