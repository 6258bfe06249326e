import { describe, expect, it } from 'vitest';
import { mergeByTime } from './logs';

const line = (service: string, time: string, text: string) => ({
  service,
  container: `shop_${service}_1`,
  stream: 'stdout' as const,
  time,
  text,
});

describe('mergeByTime', () => {
  it('orders lines of several containers by their engine timestamps, keeping equal times in arrival order', () => {
    const merged = mergeByTime([
      line('web', '2026-12-07T03:00:01.500000000Z', 'web 2'),
      line('web', '2026-12-07T03:00:00.100000000Z', 'web 1'),
      line('db', '2026-12-07T03:00:01Z', 'db 1 (whole seconds, as Podman writes them)'),
      line('db', '2026-12-07T03:00:01Z', 'db 2'),
      line('cache', '2026-12-07T04:00:00.2+01:00', 'cache 1 (another offset)'),
    ]);
    expect(merged.map((l) => l.text)).toEqual([
      'web 1',
      'cache 1 (another offset)',
      'db 1 (whole seconds, as Podman writes them)',
      'db 2',
      'web 2',
    ]);
  });
});
