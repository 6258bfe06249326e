// The samples of one container over the last few minutes: oldest dropped
// first, by age. Pushing is O(1); the array is compacted now and then.
import type { StatsSample } from './types';

export class SampleRing {
  private items: StatsSample[] = [];
  private head = 0;

  constructor(private readonly keepMs: number) {}

  push(sample: StatsSample): void {
    this.items.push(sample);
    const oldest = sample.t - this.keepMs;
    while (this.head < this.items.length && this.items[this.head]!.t < oldest) this.head += 1;
    if (this.head > 256 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.items.length - this.head;
  }

  all(): StatsSample[] {
    return this.items.slice(this.head);
  }
}
