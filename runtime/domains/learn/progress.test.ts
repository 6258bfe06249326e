import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgressStore } from './progress';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-progress-'));
  dirs.push(dir);
  return join(dir, 'data', 'learn-progress.json');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('learn progress', () => {
  it('keeps steps done, answers and what checks matched, across a restart', async () => {
    const file = fresh();
    const store = createProgressStore(file);
    await store.markDone('first-container', ['run'], { containers: ['abc'] });
    await store.markDone('first-container', ['run', 'stop'], { containers: ['abc', 'def'] });
    await store.answer('first-container', 'change', 'replace');
    const again = createProgressStore(file).get('first-container');
    expect(again).toEqual({
      steps: ['run', 'stop'],
      answers: { change: 'replace' },
      made: { containers: ['abc', 'def'], images: [], volumes: [], networks: [], pods: [] },
    });
    await createProgressStore(file).forget('first-container');
    expect(createProgressStore(file).get('first-container').steps).toEqual([]);
  });

  it('keeps a broken file aside and starts empty', async () => {
    const file = fresh();
    const store = createProgressStore(file);
    await store.markDone('x', ['a']);
    writeFileSync(file, '{"version": 1, "lessons": {"x": {"steps": [42]}}}');
    const logs: string[] = [];
    const reread = createProgressStore(file, (m) => logs.push(m));
    expect(reread.get('x').steps).toEqual([]);
    expect(readFileSync(`${file}.bad`, 'utf8')).toContain('[42]');
    expect(existsSync(file)).toBe(false);
    expect(logs[0]).toContain('kept as');
  });
});
