// The containers list's CPU and memory cells: the latest reading and a small
// sparkline of the last minute. Rows that are not running show a dash.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMemory, formatPercent } from './format';
import { type StatsStore, useStoredStats } from './list-stats';
import { H, linePoints, W } from './sparkline';

/**
 * A line of the values, scaled to `max`; decoration only (the number beside
 * it is the text). Drawn on a canvas: repainting a few pixels costs far less
 * than an SVG in a table cell; and repainted only when the line it draws
 * moves by a tenth of a pixel or the theme changes (an idle container's flat
 * line is not drawn again every time a reading arrives).
 */
function Sparkline({
  values,
  max,
  className,
}: {
  values: ReadonlyArray<number | null>;
  max: number;
  className: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawn = useRef('');
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const points = linePoints(values, max);
    const ratio = window.devicePixelRatio || 1;
    const key = `${document.documentElement.dataset.theme ?? ''} ${ratio} ${points.join(' ')}`;
    if (key === drawn.current) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    drawn.current = key;
    if (canvas.width !== W * ratio) {
      canvas.width = W * ratio;
      canvas.height = H * ratio;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, W, H);
    if (points.length < 2) return;
    ctx.strokeStyle = getComputedStyle(canvas).color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.stroke();
  }, [values, max]);
  return <canvas ref={ref} className={className} style={{ width: W, height: H }} aria-hidden="true" />;
}

export function StatsCells({ store, id, running }: { store: StatsStore | undefined; id: string; running: boolean }) {
  const { t } = useTranslation();
  const samples = useStoredStats(store, id);
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
