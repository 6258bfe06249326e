// The containers list's resource use: which running rows are on screen, and
// a store of their recent samples that each row's cells read on their own,
// so a new reading re-renders two cells, not the table.
import { type RefObject, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ListSample } from '../../../../runtime/domains/stats/types';
import { useClient } from '../../api/ClientProvider';
import { cellsView } from './sparkline';
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
 * hear at most once per `notifyMs` (at once when it is 0, when the runtime
 * already paces the batches): a list glance needs no more, and each repaint
 * of a row's cells costs the page. Samples are appended in place; a
 * container's listeners get a new array only when they are told, and with a
 * `view`, only when what they show changes.
 */
export class StatsStore {
  private buffers = new Map<string, ListSample[]>();
  private series = new Map<string, readonly ListSample[]>();
  private listeners = new Map<string, Set<Listener>>();
  private changed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private readonly keep: number,
    private readonly notifyMs: number,
    /** What listeners see of a container's samples: when a new reading leaves it as it was, they are not told. */
    private readonly view?: (samples: readonly ListSample[]) => string,
  ) {}
  private views = new Map<string, string>();

  subscribe = (id: string, listener: Listener): (() => void) => {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  get = (id: string): readonly ListSample[] | undefined => this.series.get(id);

  /** Adds samples; the listeners of the containers that changed hear about it soon. */
  add(samples: readonly ListSample[]): void {
    for (const s of samples) {
      let list = this.buffers.get(s.id);
      if (!list) this.buffers.set(s.id, (list = []));
      list.push(s);
      if (list.length > this.keep) list.splice(0, list.length - this.keep);
      this.changed.add(s.id);
    }
    if (this.notifyMs <= 0) this.notify();
    else this.timer ??= setTimeout(this.notify, this.notifyMs);
  }

  private notify = () => {
    this.timer = undefined;
    const changed = [...this.changed];
    this.changed.clear();
    const told: string[] = [];
    for (const id of changed) {
      const next = [...this.buffers.get(id)!];
      if (this.view !== undefined) {
        const shown = this.view(next);
        if (this.series.has(id) && this.views.get(id) === shown) continue;
        this.views.set(id, shown);
      }
      this.series.set(id, next);
      told.push(id);
    }
    for (const id of told) for (const l of this.listeners.get(id) ?? []) l();
  };

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** How often the list's cells hear new readings: the runtime sends one batch per this. */
export const LIST_EVERY_MS = 2000;

/**
 * Streams the given containers into a store while the window is visible:
 * only the numbers the list shows, one batch every two seconds.
 */
export function useStatsStore(ids: readonly string[], keep = 30): StatsStore {
  const client = useClient();
  const visible = usePageVisible();
  // A reading that changes nothing on screen (an idle container's) re-renders nothing.
  const store = useMemo(() => new StatsStore(keep, 0, cellsView), [keep]);
  useEffect(() => () => store.dispose(), [store]);
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);
  useEffect(() => {
    if (!visible || key === '') return;
    return client.subscribe('stats.watch', { ids: key.split(','), view: 'list', everyMs: LIST_EVERY_MS }, (event) => {
      if (event.type === 'list') store.add(event.samples);
    });
  }, [client, key, store, visible]);
  return store;
}

/** One container's samples from the store; re-renders only when they change. */
export function useStoredStats(store: StatsStore | undefined, id: string): readonly ListSample[] | undefined {
  return useSyncExternalStore(
    (listener) => (store ? store.subscribe(id, listener) : () => {}),
    () => store?.get(id),
  );
}
