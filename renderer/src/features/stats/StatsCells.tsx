// The containers list's CPU and memory cells: the latest reading and a small
// sparkline of the last minute. Rows that are not running show a dash.
import { useTranslation } from 'react-i18next';
import type { StatsSample } from '../../../../runtime/domains/stats/types';
import { formatMemory, formatPercent } from './format';

const W = 48;
const H = 16;

/** A line of the values, scaled to `max`; decoration only (the number beside it is the text). */
function Sparkline({ values, max, className }: { values: ReadonlyArray<number | null>; max: number; className: string }) {
  const nums = values.map((v) => v ?? 0);
  if (nums.length < 2) return <svg className={className} width={W} height={H} aria-hidden="true" />;
  const top = Math.max(max, ...nums) || 1;
  const step = W / (nums.length - 1);
  const points = nums.map((v, i) => `${(i * step).toFixed(1)},${(H - 1 - (v / top) * (H - 2)).toFixed(1)}`).join(' ');
  return (
    <svg className={className} width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

export function StatsCells({ samples, running }: { samples: readonly StatsSample[] | undefined; running: boolean }) {
  const { t } = useTranslation();
  const last = samples?.at(-1);
  if (!running || !samples || !last) {
    const dash = <span className="muted">{running ? '…' : '—'}</span>;
    return (
      <>
        <td className="cell-cpu">{dash}</td>
        <td className="cell-memory">{dash}</td>
      </>
    );
  }
  const cpu = formatPercent(last.cpuPercent);
  const mem = formatMemory(last.memUsage);
  return (
    <>
      <td className="cell-cpu" data-testid="cell-cpu">
        <span className="stats-cell" title={t('stats.cellCpu', { value: cpu })}>
          <Sparkline values={samples.map((s) => s.cpuPercent)} max={100} className="stats-spark" />
          {cpu}
        </span>
      </td>
      <td className="cell-memory" data-testid="cell-memory">
        <span className="stats-cell" title={last.memLimited ? `${mem} / ${formatMemory(last.memLimit)}` : mem}>
          <Sparkline
            values={samples.map((s) => s.memUsage)}
            max={last.memLimited ? last.memLimit : 0}
            className="stats-spark stats-spark-memory"
          />
          {mem}
        </span>
      </td>
    </>
  );
}
