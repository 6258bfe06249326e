import { describe, expect, it } from 'vitest';
import { showWhenSaved } from './shown-when-saved';

const started = { id: 'ab', name: 'data.tar', command: 'docker run …' };

describe('showWhenSaved', () => {
  it('shows the commands at once in a browser (no save dialog)', () => {
    const shown: string[][] = [];
    showWhenSaved(started, ['docker volume inspect data', 'docker run …'], (c) => void shown.push([...c]));
    expect(shown).toEqual([['docker volume inspect data', 'docker run …']]);
  });

  it('in the desktop app, shows them once saved; not when the save dialog was cancelled or the save failed', async () => {
    const shown: string[][] = [];
    const show = (c: readonly string[]) => void shown.push([...c]);
    const saved = Promise.resolve(true);
    const cancelled = Promise.resolve(false);
    const failed = Promise.reject(new Error('disk full'));
    showWhenSaved({ ...started, saved }, ['saved'], show);
    showWhenSaved({ ...started, saved: cancelled }, ['cancelled'], show);
    showWhenSaved({ ...started, saved: failed }, ['failed'], show);
    expect(shown).toEqual([]);
    await Promise.allSettled([saved, cancelled, failed]);
    await Promise.resolve();
    expect(shown).toEqual([['saved']]);
  });
});
