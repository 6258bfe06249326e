import { describe, expect, it } from 'vitest';
import { createFlowController, createReplayBuffer, type FlowTimers } from './flow';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Timers that run only when the test advances the clock. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: FlowTimers = {
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now && pending.delete(id)) t.fn();
    }
  };
  return { timers, advance, pendingCount: () => pending.size };
}

function setup(options: { batchBytes?: number; highWatermark?: number; lowWatermark?: number } = {}) {
  const clock = fakeClock();
  /** What went out, decoded (the tests speak text); `batches` the arrays themselves. */
  const sent: string[] = [];
  const batches: Uint8Array[] = [];
  const calls: string[] = [];
  const controller = createFlowController({
    send: (d) => {
      batches.push(d);
      sent.push(new TextDecoder().decode(d));
    },
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    timers: clock.timers,
    batchMs: 16,
    batchBytes: options.batchBytes ?? 200_000,
    highWatermark: options.highWatermark ?? 500_000,
    lowWatermark: options.lowWatermark ?? 100_000,
  });
  // The engine's output is bytes; the tests push text.
  const flow = Object.assign(Object.create(controller) as typeof controller, {
    push: (data: string | Uint8Array) => controller.push(typeof data === 'string' ? bytes(data) : data),
  });
  return { clock, sent, batches, calls, flow };
}

describe('terminal output batching', () => {
  it('sends at once while idle: an echo does not wait for the timer', () => {
    const { sent, flow, clock } = setup();
    flow.setAttached(true);
    flow.push('a');
    expect(sent).toEqual(['a']);
    expect(clock.pendingCount()).toBe(0);
    // Drawn: idle again, the next keystroke's echo goes at once too.
    flow.ack(1);
    flow.push('b');
    expect(sent).toEqual(['a', 'b']);
  });

  it('under load joins small chunks into one message per 16 ms', () => {
    const { clock, sent, flow } = setup();
    flow.setAttached(true);
    flow.push('a');
    expect(sent).toEqual(['a']);
    // 'a' is not drawn yet: what follows within 16 ms is batched.
    flow.push('b');
    clock.advance(10);
    flow.push('c');
    expect(sent).toEqual(['a']);
    clock.advance(6);
    expect(sent).toEqual(['a', 'bc']);
    flow.push('d');
    clock.advance(15);
    expect(sent).toEqual(['a', 'bc']);
    clock.advance(1);
    expect(sent).toEqual(['a', 'bc', 'd']);
  });

  it('sends what waits as soon as the renderer has drawn everything', () => {
    const { clock, sent, flow } = setup();
    flow.setAttached(true);
    flow.push('a');
    flow.push('b');
    expect(sent).toEqual(['a']);
    flow.ack(1);
    expect(sent).toEqual(['a', 'b']);
    expect(clock.pendingCount()).toBe(0);
  });

  it('during a flood the renderer keeps up with, still sends one message per 16 ms, not one per chunk', () => {
    const { clock, sent, flow } = setup();
    flow.setAttached(true);
    const chunk = 'x'.repeat(32 * 1024);
    flow.push(chunk);
    expect(sent).toHaveLength(1);
    // Drawn at once; the next chunks arrive while the first batch is recent.
    flow.ack(chunk.length);
    clock.advance(2);
    flow.push(chunk);
    flow.ack(0);
    clock.advance(2);
    flow.push(chunk);
    expect(sent).toHaveLength(1);
    clock.advance(12);
    expect(sent).toEqual([chunk, chunk + chunk]);
    // Quiet for a batch interval: an echo goes at once again.
    flow.ack(2 * chunk.length);
    clock.advance(16);
    flow.push('a');
    expect(sent.at(-1)).toBe('a');
  });

  it('sends at once when a batch reaches its size limit', () => {
    const { clock, sent, flow } = setup({ batchBytes: 10 });
    flow.setAttached(true);
    flow.push('busy');
    flow.push('12345');
    flow.push('67890');
    expect(sent).toEqual(['busy', '1234567890']);
    expect(clock.pendingCount()).toBe(0);
  });

  it('flush() sends what waits without waiting for the timer', () => {
    const { sent, flow, clock } = setup();
    flow.setAttached(true);
    flow.push('last words');
    flow.flush();
    expect(sent).toEqual(['last words']);
    expect(clock.pendingCount()).toBe(0);
  });

  it('keeps output while nobody listens and hands it to the next subscriber', () => {
    const { clock, sent, flow } = setup();
    flow.push('early');
    clock.advance(100);
    expect(sent).toEqual([]);
    flow.setAttached(true);
    expect(sent).toEqual(['early']);
  });
});

describe('terminal flow control', () => {
  it('pauses above the high watermark and resumes below the low one', () => {
    const { sent, calls, flow } = setup({ batchBytes: 100, highWatermark: 500, lowWatermark: 100 });
    flow.setAttached(true);
    for (let i = 0; i < 5; i++) flow.push('x'.repeat(100));
    expect(calls).toEqual([]);
    flow.push('x'.repeat(100));
    expect(calls).toEqual(['pause']);
    expect(sent.join('').length).toBe(600);
    flow.ack(300);
    expect(calls).toEqual(['pause']);
    expect(flow.paused).toBe(true);
    flow.ack(250);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.unacked).toBe(50);
  });

  it('bounds what waits while detached: the stream pauses until someone acknowledges', () => {
    const { calls, flow } = setup({ batchBytes: 100, highWatermark: 500, lowWatermark: 100 });
    flow.setAttached(true);
    flow.push('y'.repeat(400));
    flow.setAttached(false);
    flow.push('y'.repeat(200));
    expect(calls).toEqual(['pause']);
    // A new subscriber: the old one's unacknowledged output no longer counts,
    // the 200 waiting are sent and still count until acknowledged.
    flow.setAttached(true);
    expect(flow.unacked).toBe(200);
    expect(calls).toEqual(['pause']);
    flow.ack(200);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('never counts below zero when a stale acknowledgement arrives', () => {
    const { flow } = setup();
    flow.setAttached(true);
    flow.ack(1000);
    expect(flow.unacked).toBe(0);
  });
});

describe('batches', () => {
  it('each batch owns its memory: a pooled chunk is copied, never sent as a view of the pool', () => {
    const { batches, flow } = setup();
    flow.setAttached(true);
    // Node's small buffers are views into a shared 8 KB pool.
    const pooled = Buffer.from('a small echo');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    flow.push(pooled);
    expect(batches[0]!.byteOffset).toBe(0);
    expect(batches[0]!.buffer.byteLength).toBe(pooled.length);
    // A chunk that owns its memory goes as it is.
    const own = new Uint8Array(64 * 1024).fill(0x78);
    flow.ack(pooled.length);
    flow.push(own);
    expect(batches[1]).toBe(own);
  });
});

describe('replay buffer', () => {
  it('keeps the newest output, from a line start, within its limit', () => {
    const replay = createReplayBuffer(10);
    replay.add(bytes('abc\n'));
    expect(replay.text()).toBe('abc\n');
    replay.add(bytes('defgh\n'));
    replay.add(bytes('ij\nkl'));
    // 'abc\n' fell out; the text starts after the first newline inside the last 10 bytes.
    expect(replay.text()).toBe('ij\nkl');
    replay.add(bytes('x'.repeat(25)));
    expect(replay.text().length).toBeLessThanOrEqual(10);
  });

  it('decodes a character split between two batches whole', () => {
    const utf8 = bytes('한글 ✓ 😀 done');
    for (let cut = 1; cut < utf8.length; cut++) {
      const replay = createReplayBuffer(1000);
      replay.add(utf8.slice(0, cut));
      replay.add(utf8.slice(cut));
      expect(replay.text()).toBe('한글 ✓ 😀 done');
    }
  });

  it('shows invalid bytes as the replacement character instead of failing', () => {
    const replay = createReplayBuffer(1000);
    replay.add(Uint8Array.of(0x61, 0xff, 0x62));
    expect(replay.text()).toBe('a\uFFFDb');
  });
});
