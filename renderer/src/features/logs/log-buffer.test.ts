import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../runtime/domains/logs/types';
import { LogBuffer, buildView, findRanges, lineForDownload } from './log-buffer';

const lines = (from: number, to: number, stream: LogLine['stream'] = 'stdout'): LogLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ stream, text: `line ${from + i}` }));

const texts = (b: LogBuffer) => [...b].map((l) => l.plain);

describe('LogBuffer', () => {
  it('keeps the last lines up to its cap and counts what it let go', () => {
    const b = new LogBuffer(5);
    b.append(lines(1, 3));
    b.append(lines(4, 8));
    expect(b.length).toBe(5);
    expect(texts(b)).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
    expect(b.dropped).toBe(3);
    expect(b.at(0)?.seq).toBe(3);
    expect(b.at(4)?.plain).toBe('line 8');
    expect(b.at(5)).toBeUndefined();
  });

  it('stays exact at the cap across many batches (the front is compacted as it goes)', () => {
    const b = new LogBuffer(10_000);
    for (let i = 0; i < 50; i++) b.append(lines(i * 1000 + 1, (i + 1) * 1000));
    expect(b.length).toBe(10_000);
    expect(b.at(0)?.plain).toBe('line 40001');
    expect(b.at(9_999)?.plain).toBe('line 50000');
    expect(b.dropped).toBe(40_000);
  });

  it('applies a smaller cap at once, and a larger one to what comes next', () => {
    const b = new LogBuffer(100);
    b.append(lines(1, 100));
    b.setCap(10);
    expect(texts(b)[0]).toBe('line 91');
    b.setCap(20);
    b.append(lines(101, 110));
    expect(b.length).toBe(20);
    expect(b.at(0)?.plain).toBe('line 91');
  });

  it('clears, and changes version on every change', () => {
    const b = new LogBuffer();
    const v0 = b.version;
    b.append(lines(1, 2));
    expect(b.version).toBeGreaterThan(v0);
    b.clear();
    expect(b.length).toBe(0);
    expect(b.dropped).toBe(0);
  });

  it('strips escapes for search and carries a colour into the next line of the same stream only', () => {
    const b = new LogBuffer();
    b.append([
      { stream: 'stderr', text: '\u001b[31mred starts' },
      { stream: 'stdout', text: 'plain out' },
      { stream: 'stderr', text: 'still red\u001b[0m' },
      { stream: 'stderr', text: 'plain err' },
    ]);
    expect(b.at(0)?.plain).toBe('red starts');
    expect(b.at(1)?.start).toBeUndefined();
    expect(b.at(2)?.start).toEqual({ fg: 1 });
    expect(b.at(3)?.start).toBeUndefined();
  });
});

describe('search and filter', () => {
  const b = new LogBuffer();
  b.append([...lines(1, 12), { stream: 'stderr', text: 'ERROR: Line 5 failed' }]);

  it('finds every matching line, case-insensitively', () => {
    expect(buildView(b, 'line 1', false)).toEqual({ rows: null, matches: [0, 9, 10, 11] });
    expect(buildView(b, 'LINE 5', false).matches).toEqual([4, 12]);
    expect(buildView(b, '', true)).toEqual({ rows: null, matches: [] });
  });

  it('filters the view down to the matches', () => {
    expect(buildView(b, 'line 5', true).rows).toEqual([4, 12]);
  });

  it('finds the ranges to highlight within a line', () => {
    expect(findRanges('abc ABC abc', 'abc')).toEqual([
      [0, 3],
      [4, 7],
      [8, 11],
    ]);
    expect(findRanges('aaaa', 'aa')).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it('writes a downloaded line as docker logs prints it', () => {
    expect(lineForDownload({ seq: 0, stream: 'stdout', text: 'x', plain: 'x', time: '2024-01-01T00:00:00Z' })).toBe(
      '2024-01-01T00:00:00Z x',
    );
    expect(lineForDownload({ seq: 0, stream: 'stdout', text: '\u001b[1mx', plain: 'x' })).toBe('x');
  });
});

describe('a merged view of several sources', () => {
  const merged = () => {
    const b = new LogBuffer();
    b.append([
      { stream: 'stdout', text: 'web ready', prefix: 'web-1', tone: 0 },
      { stream: 'stdout', text: 'db ready', prefix: 'db-1', tone: 1 },
      { stream: 'stderr', text: 'web error', prefix: 'web-1', tone: 0 },
    ]);
    return b;
  };

  it('shows only the kept sources, and with the filter only the matches among them', () => {
    const b = merged();
    const web = (l: { prefix?: string }) => l.prefix === 'web-1';
    expect(buildView(b, '', false, web)).toEqual({ rows: [0, 2], matches: [] });
    expect(buildView(b, 'ready', false, web)).toEqual({ rows: [0, 2], matches: [0] });
    expect(buildView(b, 'ready', true, web)).toEqual({ rows: [0], matches: [0] });
    expect(buildView(b, 'ready', true, () => true)).toEqual({ rows: [0, 1], matches: [0, 1] });
  });

  it('downloads each line with its source first, as compose logs prints it', () => {
    const b = merged();
    expect(Array.from(b, lineForDownload)).toEqual(['web-1 | web ready', 'db-1 | db ready', 'web-1 | web error']);
  });
});
