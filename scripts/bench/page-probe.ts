// What the benchmark installs in the page before Wharf's own scripts run
// (Playwright's addInitScript): it watches, it changes nothing. Kept as a
// string because scripts/ compiles without the DOM library.
//
// window.__bench:
//   sends       contract messages sent: { t, name, id, at }
//   replies     arrival time of each reply, by request id
//   received    messages received (count), and their bytes
//   firstRowAt  when the first container row was on screen (after a paint)
//   states      per container id: { state, at } of its row's last data-state change (after a paint)
//   upserts     per container id: when each container.upsert message arrived
//   timers      setTimeout / setInterval callbacks that ran, and requestAnimationFrame frames
// Times are epoch milliseconds (performance.timeOrigin + performance.now()),
// comparable with the benchmark's own clock.

export interface ProbeSend {
  t: string;
  name: string;
  id: number;
  at: number;
}

export interface ProbeSnapshot {
  sends: ProbeSend[];
  replies: Record<string, number>;
  received: number;
  receivedBytes: number;
  firstRowAt: number | null;
  states: Record<string, { state: string; at: number }>;
  /** Arrival times of container.upsert messages, by container id. */
  upserts: Record<string, number[]>;
  timers: { timeouts: number; intervals: number; frames: number };
}

export const PAGE_PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(() => fn(now()), 0));
  const b = (window.__bench = {
    sends: [], replies: {}, received: 0, receivedBytes: 0, firstRowAt: null, states: {}, upserts: {},
    timers: { timeouts: 0, intervals: 0, frames: 0 },
  });
  const watched = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        b.received += 1;
        b.receivedBytes += e.data.length;
        const m = /^\\{"t":"res","id":(\\d+)/.exec(e.data);
        if (m) b.replies[m[1]] = now();
        const u = /^\\{"t":"evt","id":\\d+,"data":\\{"kind":"container\\.upsert","container":\\{"id":"([0-9a-f]+)"/.exec(e.data);
        if (u) (b.upserts[u[1]] = b.upserts[u[1]] || []).push(now());
      });
    }
    if (typeof data === 'string') {
      const m = /^\\{"t":"(req|sub|unsub)","id":(\\d+)(?:,"(?:method|topic)":"([^"]+)")?/.exec(data);
      if (m) b.sends.push({ t: m[1], id: Number(m[2]), name: m[3] || '', at: now() });
    }
    return send.call(this, data);
  };
  const setT = window.setTimeout, setI = window.setInterval, raf = window.requestAnimationFrame;
  window.setTimeout = function (fn, ms, ...rest) {
    return setT.call(window, typeof fn === 'function' ? (...a) => { b.timers.timeouts += 1; return fn(...a); } : fn, ms, ...rest);
  };
  window.setInterval = function (fn, ms, ...rest) {
    return setI.call(window, typeof fn === 'function' ? (...a) => { b.timers.intervals += 1; return fn(...a); } : fn, ms, ...rest);
  };
  window.requestAnimationFrame = function (fn) {
    return raf.call(window, (t) => { b.timers.frames += 1; return fn(t); });
  };
  const seen = (row) => {
    const id = row.getAttribute('data-id');
    const state = row.getAttribute('data-state');
    if (!id || !state) return;
    const known = b.states[id];
    if (known && known.state === state) return;
    b.states[id] = { state, at: NaN };
    afterPaint((at) => { if (b.states[id] && b.states[id].state === state) b.states[id].at = at; });
  };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') {
        if (m.target.getAttribute('data-testid') === 'container-row') seen(m.target);
        continue;
      }
      for (const node of m.addedNodes) {
        if (node.nodeType !== 1) continue;
        const rows = node.matches('tr[data-testid="container-row"]') ? [node] : node.querySelectorAll('tr[data-testid="container-row"]');
        for (const row of rows) {
          if (b.firstRowAt === null) { b.firstRowAt = NaN; afterPaint((at) => { b.firstRowAt = at; }); }
          seen(row);
        }
      }
    }
  });
  const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;

/** Scrolls the containers table for `ms`, one step per frame, and reports frame times and rows in the DOM. */
export const SCROLL_PROBE = `async (ms) => {
  const el = document.querySelector('.table-scroll');
  if (!el) return null;
  const frames = [];
  let last = performance.now();
  const end = last + ms;
  let dir = 1;
  let maxRows = 0;
  await new Promise((done) => {
    const step = (t) => {
      frames.push(t - last);
      last = t;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) dir = -1;
      else if (el.scrollTop <= 0) dir = 1;
      el.scrollTop += dir * 240;
      maxRows = Math.max(maxRows, el.querySelectorAll('tr[data-testid="container-row"]').length);
      if (t < end) requestAnimationFrame(step); else done();
    };
    requestAnimationFrame(step);
  });
  el.scrollTop = 0;
  frames.shift();
  frames.sort((a, b) => a - b);
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  return { frames: frames.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: frames[frames.length - 1], over50ms: frames.filter((f) => f > 50).length, maxRowsInDom: maxRows };
}`;
