// The opened-files list on a real (temporary) folder.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createComposeFilesStore, writeAtomic } from './files';

describe('compose files store', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'wharf-compose-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('opens the compose file in a folder, named after the folder or its name: key, once', async () => {
    const shop = join(root, 'My.Shop');
    mkdirSync(shop);
    writeFileSync(join(shop, 'docker-compose.yml'), 'services: {}\n');
    writeFileSync(join(shop, 'compose.yaml'), 'services: {}\n');
    const store = createComposeFilesStore(join(root, 'data'));
    const ref = await store.openPath(shop);
    expect(ref).toMatchObject({ path: join(shop, 'compose.yaml'), origin: 'path', project: 'myshop' });
    expect(await store.openPath(join(shop, 'compose.yaml'))).toEqual(ref);
    const named = join(root, 'other');
    mkdirSync(named);
    writeFileSync(join(named, 'compose.yml'), 'name: blog\nservices: {}\n');
    expect((await store.openPath(named)).project).toBe('blog');
    // Kept across restarts: a new store reads the same list.
    expect((await createComposeFilesStore(join(root, 'data')).list()).map((f) => f.project)).toEqual([
      'myshop',
      'blog',
    ]);
  });

  it('says so when a folder holds no compose file', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(createComposeFilesStore(join(root, 'data')).openPath(empty)).rejects.toMatchObject({
      key: 'compose.noFileInFolder',
    });
  });

  it('keeps pasted content in the data folder and deletes only that copy on forget', async () => {
    const store = createComposeFilesStore(join(root, 'data'));
    const pasted = await store.openContent('shop', 'services:\n  web:\n    image: nginx\n');
    expect(pasted.path).toBe(join(root, 'data', 'compose', pasted.id, 'compose.yaml'));
    expect((await store.read(pasted.id)).content).toContain('image: nginx');
    const own = join(root, 'own');
    mkdirSync(own);
    writeFileSync(join(own, 'compose.yaml'), 'services: {}\n');
    const mine = await store.openPath(own);
    await store.forget(pasted.id);
    await store.forget(mine.id);
    expect(existsSync(pasted.path)).toBe(false);
    expect(existsSync(join(own, 'compose.yaml'))).toBe(true);
    expect(await store.list()).toEqual([]);
    await expect(store.read(mine.id)).rejects.toMatchObject({ key: 'compose.fileNotOpen' });
  });

  it('replaces a file atomically, keeping its mode', async () => {
    const file = join(root, 'compose.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    await writeAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });
});
