// The lines themselves: virtualized (fixed row height, only what is on
// screen is rendered), so hundreds of thousands of lines scroll smoothly.
// Sticks to the bottom while following; scrolling up lets go, and the
// parent offers a button to take hold again.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useImperativeHandle, useRef, type CSSProperties, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnsiSegment, type AnsiStyle, parseAnsi } from './ansi';
import { type LogBuffer, type StoredLine, findRanges } from './log-buffer';

export const ROW_HEIGHT = 20;

export interface LogViewHandle {
  /** Scrolls so that buffer row `row` (an index into the view) is in the middle. */
  reveal(viewIndex: number): void;
  toBottom(): void;
}

interface Props {
  buffer: LogBuffer;
  version: number;
  /** Buffer indices shown (filtered), or null for every line. */
  rows: readonly number[] | null;
  /** Lower-cased search text to highlight. */
  needle: string;
  /** Buffer index of the current match. */
  current: number | undefined;
  /** Keep the newest line in view. */
  stick: boolean;
  onStickChange: (stick: boolean) => void;
  handleRef: Ref<LogViewHandle>;
  label: string;
  /** Long lines wrap (rows are measured) instead of scrolling sideways. */
  wrap: boolean;
}

export function LogView({
  buffer,
  version,
  rows,
  needle,
  current,
  stick,
  onStickChange,
  handleRef,
  label,
  wrap,
}: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const autoTop = useRef(0);
  const count = rows ? rows.length : buffer.length;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  // Heights measured while wrapped do not hold once lines are one row again (or wrap at another width).
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, wrap]);

  const toBottom = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    autoTop.current = el.scrollTop;
  }, []);

  useImperativeHandle(
    handleRef,
    () => ({
      reveal: (index) => virtualizer.scrollToIndex(index, { align: 'center' }),
      toBottom,
    }),
    [virtualizer, toBottom],
  );

  // New lines while stuck: follow them down.
  useEffect(() => {
    if (stick) toBottom();
  }, [stick, version, count, toBottom]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT / 2;
    if (atBottom) {
      autoTop.current = el.scrollTop;
      if (!stick) onStickChange(true);
    } else if (stick && el.scrollTop < autoTop.current - 1) onStickChange(false);
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className={`log-scroll${wrap ? ' log-wrap' : ''}`}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid="log-view"
      data-count={count}
    >
      <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const index = rows ? rows[item.index]! : item.index;
          const line = buffer.at(index);
          if (!line) return null;
          return (
            <LogRow
              key={line.seq}
              index={item.index}
              measure={wrap ? virtualizer.measureElement : undefined}
              line={line}
              top={item.start}
              needle={needle}
              current={index === current}
              stderrLabel={t('logs.stderr')}
            />
          );
        })}
      </div>
    </div>
  );
}

const LogRow = memo(function LogRow({
  index,
  measure,
  line,
  top,
  needle,
  current,
  stderrLabel,
}: {
  index: number;
  measure: ((element: Element | null) => void) | undefined;
  line: StoredLine;
  top: number;
  needle: string;
  current: boolean;
  stderrLabel: string;
}) {
  const segments = parseAnsi(line.text, line.start).segments;
  const pieces = highlight(segments, findRanges(line.plain, needle));
  const stderr = line.stream === 'stderr';
  return (
    <div
      ref={measure}
      data-index={index}
      className={`log-line${stderr ? ' log-stderr' : ''}${current ? ' log-current' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="log-line"
      data-stream={line.stream}
      data-seq={line.seq}
    >
      {line.prefix !== undefined && (
        <span className={`log-prefix log-tone-${(line.tone ?? 0) % 8}`}>{line.prefix} | </span>
      )}
      {stderr && <span className="visually-hidden">{stderrLabel}: </span>}
      {line.time !== undefined && <span className="log-time">{line.time}</span>}
      <span className="log-text">
        {pieces.map((p, i) =>
          p.mark ? (
            <mark key={i} className={className(p.style)} style={inline(p.style)}>
              {p.text}
            </mark>
          ) : p.style ? (
            <span key={i} className={className(p.style)} style={inline(p.style)}>
              {p.text}
            </span>
          ) : (
            p.text
          ),
        )}
      </span>
    </div>
  );
});

interface Piece extends AnsiSegment {
  mark?: boolean;
}

/** Cuts styled segments at the match ranges (offsets into the plain text the segments spell). */
export function highlight(segments: readonly AnsiSegment[], ranges: ReadonlyArray<[number, number]>): Piece[] {
  if (ranges.length === 0) return segments as Piece[];
  const out: Piece[] = [];
  let offset = 0;
  let r = 0;
  for (const seg of segments) {
    const end = offset + seg.text.length;
    let pos = offset;
    while (pos < end) {
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      const range = ranges[r];
      const inMatch = range !== undefined && range[0] <= pos;
      const stop = Math.min(end, range === undefined ? end : inMatch ? range[1] : range[0]);
      const piece: Piece = { text: seg.text.slice(pos - offset, stop - offset) };
      if (seg.style) piece.style = seg.style;
      if (inMatch) piece.mark = true;
      out.push(piece);
      pos = stop;
    }
    offset = end;
  }
  return out;
}

function className(style: AnsiStyle | undefined): string | undefined {
  if (!style) return undefined;
  const c: string[] = [];
  const [fg, bg] = style.inverse ? [style.bg ?? 'default-bg', style.fg ?? 'default-fg'] : [style.fg, style.bg];
  if (typeof fg === 'number') c.push(`ansi-fg-${fg}`);
  else if (fg === 'default-bg') c.push('ansi-fg-bg');
  if (typeof bg === 'number') c.push(`ansi-bg-${bg}`);
  else if (bg === 'default-fg') c.push('ansi-bg-fg');
  if (style.bold) c.push('ansi-bold');
  if (style.dim) c.push('ansi-dim');
  if (style.italic) c.push('ansi-italic');
  if (style.underline) c.push('ansi-underline');
  if (style.strike) c.push('ansi-strike');
  return c.length > 0 ? c.join(' ') : undefined;
}

function inline(style: AnsiStyle | undefined): CSSProperties | undefined {
  if (!style) return undefined;
  const [fg, bg] = style.inverse ? [style.bg, style.fg] : [style.fg, style.bg];
  const css: CSSProperties = {};
  if (typeof fg === 'string' && fg.startsWith('#')) css.color = fg;
  if (typeof bg === 'string' && bg.startsWith('#')) css.backgroundColor = bg;
  return Object.keys(css).length > 0 ? css : undefined;
}
