// What a batch of change events does to one cached list, reduced per row
// first so the list is written once however many rows changed.

/** What a batch of events does to one list, by key: the latest row, or gone. */
export class RowChanges<T> {
  private readonly latest = new Map<string, T | null>();

  upsert(key: string, row: T): void {
    this.latest.set(key, row);
  }

  remove(key: string): void {
    this.latest.set(key, null);
  }

  get size(): number {
    return this.latest.size;
  }

  /** One pass over the list, however many rows changed; unchanged rows keep their identity. */
  applyTo(rows: readonly T[], keyOf: (row: T) => string): T[] {
    const left = new Map(this.latest);
    const next: T[] = [];
    for (const row of rows) {
      const key = keyOf(row);
      if (!left.has(key)) {
        next.push(row);
        continue;
      }
      const changed = left.get(key);
      left.delete(key);
      if (changed !== null && changed !== undefined) next.push(changed);
    }
    for (const row of left.values()) if (row !== null) next.push(row);
    return next;
  }
}
