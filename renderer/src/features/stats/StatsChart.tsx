// One live chart (uPlot): a few series over time, an optional limit line and
// OOM marks. Colours come from the theme's CSS variables and follow a theme
// change. For screen readers the chart is an image with a summary for its
// name, and a table of the recent values sits under it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  /** A CSS variable of the theme: '--accent'. */
  color: string;
  dash?: boolean;
}

interface Props {
  id: string;
  title: string;
  /** Milliseconds since the epoch, one per value. */
  times: readonly number[];
  series: readonly ChartSeries[];
  format: (value: number) => string;
  /** The summary read out as the chart's name. */
  summary: string;
  /** A horizontal line (the memory limit), with its label. */
  limit?: { value: number; label: string };
  /** Times (ms) to mark with a red line: OOM kills. */
  marks?: readonly number[];
  /** The y axis starts at 0 and reaches at least this. */
  minMax?: number;
}

/** Longer than Podman's five seconds between readings, with room for a slow one. */
const GAP_MS = 12_000;

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

function useThemeVersion(onChange: () => void) {
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => {
    const observer = new MutationObserver(() => ref.current());
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onMedia = () => ref.current();
    media.addEventListener('change', onMedia);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', onMedia);
    };
  }, []);
}

export function StatsChart({ id, title, times, series, format, summary, limit, marks = [], minMax }: Props) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const marksRef = useRef(marks);
  marksRef.current = marks;
  const shape = `${series.map((s) => s.label).join('|')}|${limit ? 'limit' : ''}`;

  // Where no reading came for a while (nothing watched it, or it was stopped), the line breaks.
  const data = (): uPlot.AlignedData => {
    const xs: number[] = [];
    const ys: Array<Array<number | null>> = series.map(() => []);
    times.forEach((t, i) => {
      if (i > 0 && t - times[i - 1]! > GAP_MS) {
        xs.push((times[i - 1]! + 1) / 1000);
        ys.forEach((y) => y.push(null));
      }
      xs.push(t / 1000);
      series.forEach((s, k) => ys[k]!.push(s.values[i] ?? null));
    });
    return [xs, ...ys, ...(limit ? [xs.map(() => limit.value)] : [])];
  };

  const build = () => {
    const el = box.current;
    if (!el) return;
    plot.current?.destroy();
    const text = css('--text-muted');
    const grid = css('--border');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 160,
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { y: { range: (_u, _min, max) => [0, Math.max(max, limit?.value ?? 0, minMax ?? 0) * 1.1 || 1] } },
      axes: [
        {
          ...axis,
          space: 90,
          values: (_u, ticks) =>
            ticks.map((s) =>
              new Date(s * 1000).toLocaleTimeString(i18n.language, {
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
                hourCycle: 'h23',
              }),
            ),
        },
        { ...axis, size: 72, values: (_u, ticks) => ticks.map((v) => format(v)) },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: css(s.color),
          width: 2,
          points: { show: false },
          ...(s.dash ? { dash: [4, 4] } : {}),
        })),
        ...(limit
          ? [{ label: limit.label, stroke: css('--red'), width: 1.5, dash: [6, 4], points: { show: false } }]
          : []),
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = css('--red');
            ctx.lineWidth = 2 * devicePixelRatio;
            for (const m of marksRef.current) {
              const x = u.valToPos(m / 1000, 'x', true);
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    plot.current = new uPlot(opts, data(), el);
  };

  // Rebuilt when the series change shape or the theme changes; otherwise only fed new data.
  useEffect(() => {
    build();
    const el = box.current;
    const resize = new ResizeObserver(() => {
      if (el && plot.current) plot.current.setSize({ width: Math.max(200, el.clientWidth), height: 160 });
    });
    if (el) resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt on shape and language only; data is fed below
  }, [shape, i18n.language]);
  useThemeVersion(build);

  useEffect(() => {
    plot.current?.setData(data());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- data() reads these
  }, [times, series, limit?.value, marks.length]);

  const recent = times.slice(-10).map((time, i, all) => ({ time, i: times.length - all.length + i }));
  return (
    <figure className="stats-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="stats-chart-title">
        {title}
      </figcaption>
      <div ref={box} className="stats-chart-canvas" role="img" aria-label={`${title}: ${summary}`} />
      <details className="stats-chart-table">
        <summary>{t('stats.tableToggle', { title })}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.time')}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {recent.map(({ time, i }) => (
              <tr key={time}>
                <th scope="row">{new Date(time).toLocaleTimeString(i18n.language)}</th>
                {series.map((s) => {
                  const v = s.values[i];
                  return <td key={s.label}>{v === null || v === undefined ? '–' : format(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
