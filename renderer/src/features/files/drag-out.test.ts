import { describe, expect, it } from 'vitest';
import { PREPARED_MS, downloadUrlData, preparedFor } from './drag-out';

describe('drag out', () => {
  it('writes DownloadURL with an absolute address and a name without ":"', () => {
    expect(downloadUrlData('notes.txt', '/download/ab12', 'http://127.0.0.1:4567')).toBe(
      'application/octet-stream:notes.txt:http://127.0.0.1:4567/download/ab12',
    );
    expect(downloadUrlData('a:b.txt', '/download/x', 'http://h')).toBe(
      'application/octet-stream:a_b.txt:http://h/download/x',
    );
  });

  it('uses a prepared address only for its own file, and only while it is fresh', () => {
    const p = { path: '/etc/hosts', url: '/download/x', name: 'hosts', at: 1000 };
    expect(preparedFor(p, '/etc/hosts', 2000)).toBe(p);
    expect(preparedFor(p, '/etc/passwd', 2000)).toBeUndefined();
    expect(preparedFor(p, '/etc/hosts', 1000 + PREPARED_MS)).toBeUndefined();
    expect(preparedFor(undefined, '/etc/hosts', 2000)).toBeUndefined();
  });
});
