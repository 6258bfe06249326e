// The container page's Stats tab: live charts of CPU, memory (with its
// limit), network, block I/O and processes, the current numbers beside them,
// OOM kills marked, and what each number means next to `docker stats`.
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { statsCommand } from '../../../../runtime/domains/stats/cli';
import { CommandLine } from '../../components/CommandLine';
import { Explainer } from '../../components/Explainer';
import { Spinner } from '../../components/Icons';
import { type ChartSeries, StatsChart } from './StatsChart';
import { formatIo, formatMemory, formatPercent, formatRate, rates } from './format';
import { useContainerStats, useShown } from './useStats';
import './stats.css';

export function StatsTab({ container }: { container: ContainerSummary }) {
  const { t } = useTranslation();
  const running = container.state === 'running';
  const root = useRef<HTMLDivElement>(null);
  // The panel stays mounted when another tab is chosen: it stops watching then, and reloads the history when shown again.
  const stats = useContainerStats(container.id, running, useShown(root));
  const { samples, ooms } = stats;
  const last = samples.at(-1);

  const view = useMemo(() => {
    const times = samples.map((s) => s.t);
    return {
      times,
      cpu: samples.map((s) => s.cpuPercent),
      mem: samples.map((s) => s.memUsage),
      rx: rates(
        times,
        samples.map((s) => s.netRx),
      ),
      tx: rates(
        times,
        samples.map((s) => s.netTx),
      ),
      read: rates(
        times,
        samples.map((s) => s.blockRead),
      ),
      write: rates(
        times,
        samples.map((s) => s.blockWrite),
      ),
      pids: samples.map((s) => s.pids),
    };
  }, [samples]);

  const summary = (values: ReadonlyArray<number | null>, format: (v: number) => string) => {
    const nums = values.filter((v): v is number => v !== null);
    if (nums.length === 0) return t('stats.noData');
    const max = Math.max(...nums);
    const avg = nums.reduce((a, b) => a + b, 0) / nums.length;
    return t('stats.summary', { now: format(nums.at(-1)!), max: format(max), avg: format(avg), count: nums.length });
  };

  const cpuSeries: ChartSeries[] = [{ label: t('stats.cpu'), values: view.cpu, color: '--accent' }];
  const memSeries: ChartSeries[] = [{ label: t('stats.memory'), values: view.mem, color: '--green' }];
  const netSeries: ChartSeries[] = [
    { label: t('stats.received'), values: view.rx, color: '--blue' },
    { label: t('stats.sent'), values: view.tx, color: '--amber', dash: true },
  ];
  const blockSeries: ChartSeries[] = [
    { label: t('stats.read'), values: view.read, color: '--blue' },
    { label: t('stats.written'), values: view.write, color: '--amber', dash: true },
  ];
  const pidSeries: ChartSeries[] = [{ label: t('stats.pids'), values: view.pids, color: '--text-muted' }];

  return (
    <div className="stats-tab" ref={root}>
      <CommandLine command={statsCommand([container.name])} />
      {!running && samples.length === 0 ? (
        <p className="muted">{t('stats.notRunning')}</p>
      ) : stats.loading ? (
        <p className="muted" aria-busy="true">
          <Spinner size={14} /> {t('stats.waiting')}
        </p>
      ) : null}
      {stats.stopped && samples.length > 0 && <p className="muted">{t('stats.stoppedHistory')}</p>}
      {ooms.length > 0 && (
        <p className="stats-oom" role="status">
          {t('stats.oomKills', { count: ooms.length, time: new Date(ooms.at(-1)!).toLocaleTimeString() })}
        </p>
      )}
      <div className="stats-grid">
        <section className="stats-card" aria-label={t('stats.cpu')}>
          <StatsChart
            id="stats-cpu"
            title={t('stats.cpuTitle')}
            times={view.times}
            series={cpuSeries}
            format={(v) => formatPercent(v)}
            summary={summary(view.cpu, (v) => formatPercent(v))}
            minMax={last?.cpuLimit ? last.cpuLimit * 100 : 100}
            {...(last?.cpuLimit ? { limit: { value: last.cpuLimit * 100, label: t('stats.cpuLimit') } } : {})}
          />
          <dl className="stats-now">
            <Figure term={t('stats.cpuNow')} value={formatPercent(last?.cpuPercent)} />
            <Figure
              term={t('stats.cpuOfMachine', { cpus: last?.onlineCpus ?? '?' })}
              value={formatPercent(last?.cpuOfMachine)}
            />
            <Figure
              term={t('stats.cpuOfLimit')}
              value={
                last?.cpuLimit
                  ? `${formatPercent(last.cpuOfLimit)} (${t('stats.cores', { count: last.cpuLimit })})`
                  : t('stats.noLimit')
              }
            />
          </dl>
        </section>
        <section className="stats-card" aria-label={t('stats.memory')}>
          <StatsChart
            id="stats-mem"
            title={t('stats.memoryTitle')}
            times={view.times}
            series={memSeries}
            format={formatMemory}
            summary={summary(view.mem, formatMemory)}
            marks={ooms}
            {...(last?.memLimited ? { limit: { value: last.memLimit, label: t('stats.memoryLimit') } } : {})}
          />
          <dl className="stats-now">
            <Figure
              term={t('stats.memNow')}
              value={last ? `${formatMemory(last.memUsage)} / ${formatMemory(last.memLimit)}` : '–'}
            />
            <Figure term={t('stats.memPercent')} value={formatPercent(last?.memPercent)} />
            <Figure
              term={t('stats.memLimit')}
              value={last ? (last.memLimited ? formatMemory(last.memLimit) : t('stats.noMemLimit')) : '–'}
            />
            <Figure term={t('stats.oom')} value={String(ooms.length)} />
          </dl>
        </section>
        <section className="stats-card" aria-label={t('stats.network')}>
          <StatsChart
            id="stats-net"
            title={t('stats.networkTitle')}
            times={view.times}
            series={netSeries}
            format={formatRate}
            minMax={1000}
            summary={`${t('stats.received')}: ${summary(view.rx, formatRate)}; ${t('stats.sent')}: ${summary(view.tx, formatRate)}`}
          />
          <dl className="stats-now">
            <Figure
              term={t('stats.netTotal')}
              value={last ? `${formatIo(last.netRx)} / ${formatIo(last.netTx)}` : '–'}
            />
          </dl>
        </section>
        <section className="stats-card" aria-label={t('stats.block')}>
          <StatsChart
            id="stats-block"
            title={t('stats.blockTitle')}
            times={view.times}
            series={blockSeries}
            format={formatRate}
            minMax={1000}
            summary={`${t('stats.read')}: ${summary(view.read, formatRate)}; ${t('stats.written')}: ${summary(view.write, formatRate)}`}
          />
          <dl className="stats-now">
            <Figure
              term={t('stats.blockTotal')}
              value={last ? `${formatIo(last.blockRead)} / ${formatIo(last.blockWrite)}` : '–'}
            />
          </dl>
        </section>
        <section className="stats-card" aria-label={t('stats.pids')}>
          <StatsChart
            id="stats-pids"
            title={t('stats.pidsTitle')}
            times={view.times}
            series={pidSeries}
            format={(v) => String(Math.round(v))}
            summary={summary(view.pids, (v) => String(Math.round(v)))}
            minMax={4}
          />
          <dl className="stats-now">
            <Figure term={t('stats.pidsNow')} value={last ? String(last.pids) : '–'} />
          </dl>
        </section>
      </div>
      <Explainer title={t('stats.explainTitle')}>
        <dl className="stats-explain">
          {(['cpu', 'machine', 'limit', 'memory', 'memLimit', 'network', 'block', 'pids', 'oom', 'cli'] as const).map(
            (k) => (
              <div key={k}>
                <dt>{t(`stats.explain.${k}.term`)}</dt>
                <dd>{t(`stats.explain.${k}.text`)}</dd>
              </div>
            ),
          )}
        </dl>
      </Explainer>
    </div>
  );
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className="mono">{value}</dd>
    </div>
  );
}
