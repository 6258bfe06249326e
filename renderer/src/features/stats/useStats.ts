// Live samples from 'stats.watch': for the rows in view, the dashboard, or
// one container's Stats tab. Nothing is watched while the window is hidden.
// React hears about new samples at most once a second.
import { type RefObject, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StatsSample } from '../../../../runtime/domains/stats/types';
import { useClient } from '../../api/ClientProvider';

const subscribeVisibility = (onChange: () => void) => {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
};

/** Whether the window (or browser tab) is shown: streams stop while it is hidden. */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState !== 'hidden');
}

export interface WatchedStats {
  /** The recent samples of each watched container, oldest first. */
  series: ReadonlyMap<string, readonly StatsSample[]>;
  /** Containers whose stream said they stopped. */
  stopped: ReadonlySet<string>;
}

const RENDER_MS = 1000;

/**
 * Watches these containers while the page is visible, keeping the last
 * `keep` samples of each. The set is compared by content, so a new array
 * with the same ids does not restart the watch.
 */
export function useStatsWatch(ids: readonly string[], keep = 60): WatchedStats {
  const client = useClient();
  const visible = usePageVisible();
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);
  const [state, setState] = useState<WatchedStats>({ series: new Map(), stopped: new Set() });

  useEffect(() => {
    if (!visible || key === '') return;
    const wanted = key.split(',');
    const series = new Map<string, StatsSample[]>();
    const stopped = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const render = () => {
      timer = undefined;
      // New arrays, so rows (memoised) see their samples changed.
      setState({ series: new Map([...series].map(([id, list]) => [id, [...list]])), stopped: new Set(stopped) });
    };
    const stop = client.subscribe('stats.watch', { ids: wanted }, (event) => {
      if (event.type === 'samples') {
        for (const s of event.samples) {
          const list = series.get(s.id) ?? [];
          list.push(s);
          if (list.length > keep) list.splice(0, list.length - keep);
          series.set(s.id, list);
          stopped.delete(s.id);
        }
      } else if (event.type === 'stopped') stopped.add(event.id);
      timer ??= setTimeout(render, RENDER_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [client, key, keep, visible]);

  return state;
}

export interface ContainerStats {
  samples: readonly StatsSample[];
  /** Times (ms) of OOM kills seen. */
  ooms: readonly number[];
  stopped: boolean;
  /** How far back history goes (ms). */
  keepMs: number;
  loading: boolean;
}

/** Whether the element is displayed (a hidden tab panel is not): its streams stop while it is not. */
export function useShown(ref: RefObject<HTMLElement | null>): boolean {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => setShown(entries.some((e) => e.isIntersecting)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return shown;
}

/** One container: the history Wharf kept, then live samples (the Stats tab), while `active`. */
export function useContainerStats(id: string, running: boolean, active = true): ContainerStats {
  const client = useClient();
  const visible = usePageVisible() && active;
  const [state, setState] = useState<ContainerStats>({
    samples: [],
    ooms: [],
    stopped: !running,
    keepMs: 15 * 60_000,
    loading: true,
  });

  useEffect(() => {
    if (!visible) return;
    let samples: StatsSample[] = [];
    let ooms: number[] = [];
    let stopped = !running;
    let keepMs = 15 * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const render = () => {
      timer = undefined;
      setState({ samples: [...samples], ooms: [...ooms], stopped, keepMs, loading: false });
    };
    const schedule = () => (timer ??= setTimeout(render, RENDER_MS));
    const live: StatsSample[] = [];
    let loaded = false;
    void client
      .request('stats.history', { id })
      .then((h) => {
        if (cancelled) return;
        keepMs = h.keepMs;
        ooms = [...new Set([...h.ooms, ...ooms])];
        const last = h.samples.at(-1)?.t ?? 0;
        samples = [...h.samples, ...live.filter((s) => s.t > last)];
      })
      .catch(() => {})
      .finally(() => {
        loaded = true;
        if (!cancelled) render();
      });
    const stop = client.subscribe('stats.watch', { ids: [id] }, (event) => {
      if (event.type === 'samples') {
        stopped = false;
        if (!loaded) live.push(...event.samples);
        else samples.push(...event.samples);
        const oldest = (samples.at(-1)?.t ?? 0) - keepMs;
        if (samples.length > 0 && samples[0]!.t < oldest) samples = samples.filter((s) => s.t >= oldest);
      } else if (event.type === 'oom') {
        if (!ooms.includes(event.t)) ooms.push(event.t);
      } else stopped = true;
      if (loaded) schedule();
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop();
    };
  }, [client, id, running, visible]);

  return state;
}
