import { describe, expect, it } from 'vitest';
import { PreparedDrags, prepareDragOut, startDragOut, type DragOutDeps } from './drag-out';

const ID = 'a'.repeat(64);

function deps(options: { claimed?: boolean; fail?: boolean } = {}) {
  const saved: string[] = [];
  let dropped = 0;
  const d: DragOutDeps = {
    claim: (id) =>
      options.claimed === false || id !== ID
        ? undefined
        : {
            saveTo: async (file) => {
              if (options.fail) throw new Error('the engine went away');
              saved.push(file);
              return { bytes: 3, file, command: 'docker cp' };
            },
            drop: () => void dropped++,
          },
    tempDir: async () => '/tmp/wharf-drag-1',
    join: (dir, name) => `${dir}/${name}`,
  };
  return { d, saved, dropped: () => dropped };
}

describe('drag out', () => {
  it('prepares the claimed download in a temporary folder, then drags that file once', async () => {
    const prepared = new PreparedDrags();
    const { d, saved } = deps();
    expect(await prepareDragOut(ID, 'notes.txt', prepared, d)).toEqual({ prepared: true });
    expect(saved).toEqual(['/tmp/wharf-drag-1/notes.txt']);
    const started: string[] = [];
    expect(startDragOut(ID, prepared, (f) => started.push(f))).toBe(true);
    expect(started).toEqual(['/tmp/wharf-drag-1/notes.txt']);
    expect(startDragOut(ID, prepared, (f) => started.push(f))).toBe(false);
  });

  it('refuses a name with a folder in it, a bad id, or an id nobody registered; nothing is saved', async () => {
    const prepared = new PreparedDrags();
    const { d, saved } = deps();
    for (const [id, name] of [
      [ID, '../../.bashrc'],
      [ID, 'a/b'],
      [ID, '..'],
      ['nope', 'x.txt'],
      [ID, 42],
    ] as const)
      expect((await prepareDragOut(id, name, prepared, d)).prepared).toBe(false);
    expect(await prepareDragOut('b'.repeat(64), 'x.txt', prepared, d)).toEqual({
      prepared: false,
      message: 'This download was cancelled or has expired.',
    });
    expect(saved).toEqual([]);
    expect(startDragOut('../x', prepared, () => undefined)).toBe(false);
  });

  it('drops the claim when the save fails, and says why', async () => {
    const { d, dropped } = deps({ fail: true });
    expect(await prepareDragOut(ID, 'x.txt', new PreparedDrags(), d)).toEqual({
      prepared: false,
      message: 'the engine went away',
    });
    expect(dropped()).toBe(1);
  });

  it('keeps a few prepared files, forgetting the oldest', () => {
    const p = new PreparedDrags(2);
    p.add('1', 'a');
    p.add('2', 'b');
    p.add('3', 'c');
    expect(p.take('1')).toBeUndefined();
    expect(p.take('3')).toBe('c');
  });
});
