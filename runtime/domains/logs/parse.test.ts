import { describe, expect, it } from 'vitest';
import { FrameDemuxer, LineSplitter, MAX_LINE_BYTES, ResumeCursor, splitTimestamp } from './parse';

const frame = (type: 1 | 2, text: string | Buffer): Buffer => {
  const payload = typeof text === 'string' ? Buffer.from(text) : text;
  const head = Buffer.alloc(8);
  head[0] = type;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
};

function demux(chunks: Buffer[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const d = new FrameDemuxer((stream, payload) => out.push([stream, payload.toString()]));
  for (const c of chunks) d.push(c);
  return out;
}

describe('FrameDemuxer', () => {
  const stream = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err two\n'), frame(1, 'out three\n')]);
  const expected = [
    ['stdout', 'out one\n'],
    ['stderr', 'err two\n'],
    ['stdout', 'out three\n'],
  ];

  it('reads several frames from one chunk', () => {
    expect(demux([stream])).toEqual(expected);
  });

  it('reads frames cut at every possible place, including inside the header', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(demux([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(expected);
    }
  });

  it('reads a stream that arrives one byte at a time', () => {
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(demux(bytes)).toEqual(expected);
  });

  it('holds an unfinished frame and nothing more', () => {
    const d = new FrameDemuxer(() => {});
    d.push(stream.subarray(0, 12));
    expect(d.pending).toBe(12);
    d.push(stream.subarray(12, 20));
    // The first frame (16 bytes) is out; 4 bytes of the next header wait.
    expect(d.pending).toBe(4);
    d.push(stream.subarray(20));
    expect(d.pending).toBe(0);
  });

  it('passes an empty frame through', () => {
    expect(demux([frame(2, '')])).toEqual([['stderr', '']]);
  });
});

describe('LineSplitter', () => {
  const lines = (chunks: Buffer[], end = false) => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l));
    for (const c of chunks) s.push(c);
    if (end) s.end();
    return out;
  };

  it('splits at newlines and keeps the unfinished rest', () => {
    expect(lines([Buffer.from('a\nb'), Buffer.from('c\nd')])).toEqual(['a', 'bc']);
    expect(lines([Buffer.from('a\nb'), Buffer.from('c\nd')], true)).toEqual(['a', 'bc', 'd']);
  });

  it('drops the carriage return a TTY adds', () => {
    expect(lines([Buffer.from('one\r\ntwo\r\n')])).toEqual(['one', 'two']);
  });

  it('keeps a multi-byte character split across chunks', () => {
    const text = Buffer.from('컨테이너 로그\n');
    for (let cut = 1; cut < text.length; cut++) {
      expect(lines([text.subarray(0, cut), text.subarray(cut)])).toEqual(['컨테이너 로그']);
    }
  });

  it('cuts a runaway line', () => {
    const out = lines([Buffer.alloc(MAX_LINE_BYTES * 2 + 10, 0x61), Buffer.from('\n')]);
    expect(out.map((l) => l.length)).toEqual([MAX_LINE_BYTES, MAX_LINE_BYTES, 10]);
  });
});

describe('splitTimestamp', () => {
  it("reads Docker's nanosecond timestamps", () => {
    const t = splitTimestamp('2024-03-01T10:00:00.123456789Z hello world');
    expect(t).toEqual({
      time: '2024-03-01T10:00:00.123456789Z',
      key: `${String(Date.UTC(2024, 2, 1, 10) / 1000).padStart(12, '0')}.123456789`,
      seconds: Date.UTC(2024, 2, 1, 10) / 1000,
      text: 'hello world',
    });
  });

  it("reads Podman's whole seconds and an offset", () => {
    const t = splitTimestamp('2024-03-01T19:00:00+09:00 hi');
    expect(t?.seconds).toBe(Date.UTC(2024, 2, 1, 10) / 1000);
    expect(t?.key.endsWith('.000000000')).toBe(true);
    expect(t?.text).toBe('hi');
  });

  it('orders keys by time whatever the fraction length', () => {
    const a = splitTimestamp('2024-03-01T10:00:00.1Z x')!;
    const b = splitTimestamp('2024-03-01T10:00:00.09Z x')!;
    expect(b.key < a.key).toBe(true);
  });

  it("reads each line's own second when seconds and offsets alternate", () => {
    const at = (line: string) => splitTimestamp(line)?.seconds;
    const base = Date.UTC(2024, 2, 1, 10) / 1000;
    expect(at('2024-03-01T10:00:00.5Z a')).toBe(base);
    expect(at('2024-03-01T10:00:00.6Z b')).toBe(base);
    expect(at('2024-03-01T10:00:01.1Z c')).toBe(base + 1);
    expect(at('2024-03-01T10:00:00.7Z d')).toBe(base);
    expect(at('2024-03-01T19:00:00+09:00 e')).toBe(base);
    expect(at('2024-03-01T10:00:00+09:00 f')).toBe(base - 9 * 3600);
    expect(splitTimestamp('2024-03-01T10:00:01.2Z g')?.key).toBe(`${String(base + 1).padStart(12, '0')}.200000000`);
    // A second that does not exist is refused however many lines came before it.
    expect(splitTimestamp('2024-13-01T10:00:01Z h')).toBeNull();
    expect(at('2024-03-01T10:00:01Z i')).toBe(base + 1);
  });

  it('keeps an empty line, and refuses a line without a timestamp', () => {
    expect(splitTimestamp('2024-03-01T10:00:00Z ')?.text).toBe('');
    expect(splitTimestamp('no time here')).toBeNull();
  });
});

describe('ResumeCursor', () => {
  const key = (s: number, ns = 0) => [`${String(s).padStart(12, '0')}.${String(ns).padStart(9, '0')}`, s] as const;

  it('skips what a reopened stream repeats, counting lines that share the newest timestamp', () => {
    const c = new ResumeCursor();
    for (const [k, s] of [key(100), key(101), key(101), key(101)]) expect(c.accept(k, s)).toBe(true);
    expect(c.resumeSince).toBe(101);
    c.beginResume();
    // The engine sends again everything since second 101: the three old lines, then new ones in the same second.
    const again = [key(101), key(101), key(101), key(101), key(102)];
    expect(again.map(([k, s]) => c.accept(k, s))).toEqual([false, false, false, true, true]);
    expect(c.resumeSince).toBe(102);
  });

  it('drops older lines on resume and takes a newer one at once', () => {
    const c = new ResumeCursor();
    c.accept(...key(100, 5));
    c.beginResume();
    expect(c.accept(...key(100, 1))).toBe(false);
    expect(c.accept(...key(100, 5))).toBe(false);
    expect(c.accept(...key(100, 6))).toBe(true);
  });

  it('takes everything when nothing was seen', () => {
    const c = new ResumeCursor();
    c.beginResume();
    expect(c.resumeSince).toBeUndefined();
    expect(c.accept(...key(1))).toBe(true);
  });
});
