import { describe, expect, it } from 'vitest';
import { DiskPruneInput, DiskPruneSelection } from './contract';

describe('disk contract', () => {
  it('keeps every kind unless chosen', () => {
    expect(DiskPruneSelection.parse({})).toEqual({
      containers: false,
      images: 'none',
      volumes: 'none',
      buildCache: false,
      networks: false,
    });
  });

  it('refuses an empty clean-up, unknown fields and things that are not ids', () => {
    expect(DiskPruneInput.safeParse({}).error?.issues[0]?.message).toBe('choose at least one thing to remove');
    expect(DiskPruneInput.safeParse({ volumes: ['data'], extra: 1 }).success).toBe(false);
    expect(DiskPruneInput.safeParse({ containers: ['a b'] }).success).toBe(false);
    expect(DiskPruneInput.safeParse({ images: ['--all'] }).success).toBe(false);
    expect(DiskPruneSelection.safeParse({ volumes: 'named' }).success).toBe(false);
  });

  it('takes image ids with their digest prefix and volume names', () => {
    const parsed = DiskPruneInput.parse({ images: ['sha256:' + 'a'.repeat(64)], volumes: ['my-data_1.x'] });
    expect(parsed).toMatchObject({ containers: [], images: ['sha256:' + 'a'.repeat(64)], volumes: ['my-data_1.x'] });
  });
});
