// The dashboard: running containers, CPU and memory in total, by container
// and by compose project, the top consumers, and what Wharf's engine VM
// uses on this computer when the engine runs in it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsSample } from '../../../../runtime/domains/stats/types';
import { statsCommand } from '../../../../runtime/domains/stats/cli';
import { CommandLine } from '../../components/CommandLine';
import { PageHeader } from '../../components/PageHeader';
import { useContainers } from '../containers/queries';
import { useEngineState } from '../engine/queries';
import { hrefTo } from '../../lib/useHashRoute';
import { useVmStatus } from '../vm/useVmStatus';
import { formatIo, formatMemory, formatPercent } from './format';
import { top, totals, type UsageRow } from './totals';
import { useStatsWatch } from './useStats';
import './stats.css';

export function DashboardPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const list = useContainers();
  const containers = useMemo(() => list.data ?? [], [list.data]);
  const runningIds = useMemo(() => containers.filter((c) => c.state === 'running').map((c) => c.id), [containers]);
  const watched = useStatsWatch(stale ? [] : runningIds, 2);
  const latest = useMemo(() => {
    const m = new Map<string, StatsSample>();
    for (const [id, samples] of watched.series) {
      const last = samples.at(-1);
      if (last) m.set(id, last);
    }
    return m;
  }, [watched.series]);
  const sum = useMemo(() => totals(containers, latest), [containers, latest]);
  const machine = sum.machineCpus ? sum.cpu / sum.machineCpus : null;

  return (
    <section className="page dashboard-page" aria-labelledby="dashboard-title">
      <PageHeader id="dashboard-title" title={t('stats.dashboard.title')} />
      <p className="muted">{t('stats.dashboard.intro')}</p>
      <CommandLine command={statsCommand([])} />
      <dl className="dashboard-tiles" data-learn="stats.dashboard">
        <div className="dashboard-tile">
          <dt>{t('stats.dashboard.running')}</dt>
          <dd data-testid="dashboard-running">{sum.running}</dd>
        </div>
        <div className="dashboard-tile">
          <dt>{t('stats.dashboard.cpuTotal')}</dt>
          <dd data-testid="dashboard-cpu">
            {latest.size > 0 ? formatPercent(sum.cpu) : '–'}
            {machine !== null && (
              <div className="dashboard-sub">
                {t('stats.dashboard.cpuOfMachine', { value: formatPercent(machine), cpus: sum.machineCpus })}
              </div>
            )}
          </dd>
        </div>
        <div className="dashboard-tile">
          <dt>{t('stats.dashboard.memTotal')}</dt>
          <dd data-testid="dashboard-memory">
            {latest.size > 0 ? formatMemory(sum.memory) : '–'}
            {sum.machineMemory !== undefined && (
              <div className="dashboard-sub">
                {t('stats.dashboard.ofMachine', { total: formatMemory(sum.machineMemory) })}
              </div>
            )}
          </dd>
        </div>
      </dl>
      {sum.running === 0 ? (
        <p className="muted dashboard-section">{t('stats.dashboard.none')}</p>
      ) : (
        <>
          <div className="dashboard-columns dashboard-section">
            <UsageTable
              id="dash-top-cpu"
              title={t('stats.dashboard.topCpu')}
              rows={top(sum.byContainer, 'cpu')}
              linkRows
            />
            <UsageTable
              id="dash-top-mem"
              title={t('stats.dashboard.topMemory')}
              rows={top(sum.byContainer, 'memory')}
              linkRows
            />
          </div>
          <UsageTable id="dash-projects" title={t('stats.dashboard.byProject')} rows={sum.byProject} showCount />
          <UsageTable id="dash-containers" title={t('stats.dashboard.byContainer')} rows={sum.byContainer} linkRows />
        </>
      )}
      <VmUsage />
    </section>
  );
}

function UsageTable({
  id,
  title,
  rows,
  linkRows,
  showCount,
}: {
  id: string;
  title: string;
  rows: readonly UsageRow[];
  linkRows?: boolean;
  showCount?: boolean;
}) {
  const { t } = useTranslation();
  const maxCpu = Math.max(1, ...rows.map((r) => r.cpu ?? 0));
  return (
    <section className="dashboard-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table className="dashboard-table">
        <thead>
          <tr>
            <th scope="col">{showCount ? t('stats.dashboard.colProject') : t('stats.dashboard.colName')}</th>
            {showCount && (
              <th scope="col" className="num">
                {t('stats.dashboard.colContainers')}
              </th>
            )}
            <th scope="col" className="num">
              {t('stats.colCpu')}
            </th>
            <th scope="col" className="num">
              {t('stats.colMemory')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {linkRows ? (
                  <a href={hrefTo('containers', r.key, 'stats')}>{r.name}</a>
                ) : r.key === '' ? (
                  <span className="muted">{t('stats.dashboard.noProject')}</span>
                ) : (
                  r.name
                )}
              </th>
              {showCount && <td className="num">{r.containers}</td>}
              <td className="num">
                {formatPercent(r.cpu)}
                <span
                  className="dashboard-bar"
                  style={{ width: `${Math.round(((r.cpu ?? 0) / maxCpu) * 40)}px` }}
                  aria-hidden="true"
                />
              </td>
              <td className="num">{formatMemory(r.memory)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What Wharf's engine VM uses on this computer; or why that does not apply. */
function VmUsage() {
  const { t } = useTranslation();
  const vm = useVmStatus();
  const engine = useEngineState().data;
  const endpoint = engine?.phase === 'connected' ? engine.engine.endpoint : undefined;
  const inVm = vm?.phase === 'running' && vm.endpoint !== undefined && vm.endpoint === endpoint;
  return (
    <section className="dashboard-section" aria-labelledby="dash-vm">
      <h2 id="dash-vm">{t('stats.dashboard.vm')}</h2>
      {inVm ? (
        <>
          <p className="muted">{t('stats.dashboard.vmIntro')}</p>
          <dl className="dashboard-tiles">
            <div className="dashboard-tile">
              <dt>{t('stats.dashboard.vmCpu')}</dt>
              <dd>{vm.usage ? formatPercent(vm.usage.cpuPercent) : t('stats.dashboard.waiting')}</dd>
            </div>
            <div className="dashboard-tile">
              <dt>{t('stats.dashboard.vmMemory')}</dt>
              <dd>{vm.usage ? `${vm.usage.memoryMiB} MiB / ${vm.resources.memoryMiB} MiB` : '–'}</dd>
            </div>
            <div className="dashboard-tile">
              <dt>{t('stats.dashboard.vmDisk')}</dt>
              <dd>{vm.usage ? formatIo(vm.usage.diskBytes) : '–'}</dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="muted" data-testid="dashboard-vm-na">
          {t('stats.dashboard.vmNotApplicable')}
        </p>
      )}
    </section>
  );
}
