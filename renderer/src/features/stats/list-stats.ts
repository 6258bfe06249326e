// The containers list's resource use: which running rows are on screen, and
// a store of their recent samples that each row's cells read on their own,
// so a new reading re-renders two cells, not the table.
import { type RefObject, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StatsSample } from '../../../../runtime/domains/stats/types';
import { useClient } from '../../api/ClientProvider';
import { usePageVisible } from './useStats';

/** Rows just outside the window start streaming before they scroll in. */
const MARGIN = '120px 0px';

/** The ids of the rows (`tr[data-id]` under `container`) at least partly on screen. */
export function useRowsInView(container: RefObject<HTMLElement | null>, rowKey: string): ReadonlySet<string> {
  const [inView, setInView] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const shown = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = (e.target as HTMLElement).dataset.id;
          if (!id) continue;
          if (e.isIntersecting) shown.add(id);
          else shown.delete(id);
        }
        setInView(new Set(shown));
      },
      { rootMargin: MARGIN },
    );
    for (const row of root.querySelectorAll<HTMLElement>('tr[data-id]')) observer.observe(row);
    return () => observer.disconnect();
  }, [container, rowKey]);
  return inView;
}

type Listener = () => void;

/**
 * Recent samples by container, with a listener per container. Listeners
 * hear at most once per `notifyMs`: a list glance needs no more, and each
 * repaint of a row's cells costs the page.
 */
export class StatsStore {
  private series = new Map<string, readonly StatsSample[]>();
  private listeners = new Map<string, Set<Listener>>();
  private changed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private readonly keep: number,
    private readonly notifyMs: number,
  ) {}

  subscribe = (id: string, listener: Listener): (() => void) => {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  get = (id: string): readonly StatsSample[] | undefined => this.series.get(id);

  /** Adds samples; the listeners of the containers that changed hear about it soon. */
  add(samples: readonly StatsSample[]): void {
    for (const s of samples) {
      const list = [...(this.series.get(s.id) ?? []), s];
      this.series.set(s.id, list.length > this.keep ? list.slice(list.length - this.keep) : list);
      this.changed.add(s.id);
    }
    this.timer ??= setTimeout(this.notify, this.notifyMs);
  }

  private notify = () => {
    this.timer = undefined;
    const changed = [...this.changed];
    this.changed.clear();
    for (const id of changed) for (const l of this.listeners.get(id) ?? []) l();
  };

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** Streams the given containers into a store while the window is visible. */
export function useStatsStore(ids: readonly string[], keep = 30, notifyMs = 2000): StatsStore {
  const client = useClient();
  const visible = usePageVisible();
  const store = useMemo(() => new StatsStore(keep, notifyMs), [keep, notifyMs]);
  useEffect(() => () => store.dispose(), [store]);
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);
  useEffect(() => {
    if (!visible || key === '') return;
    return client.subscribe('stats.watch', { ids: key.split(',') }, (event) => {
      if (event.type === 'samples') store.add(event.samples);
    });
  }, [client, key, store, visible]);
  return store;
}

/** One container's samples from the store; re-renders only when they change. */
export function useStoredStats(store: StatsStore | undefined, id: string): readonly StatsSample[] | undefined {
  return useSyncExternalStore(
    (listener) => (store ? store.subscribe(id, listener) : () => {}),
    () => store?.get(id),
  );
}
