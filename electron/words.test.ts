import { describe, expect, it } from 'vitest';
import { noticeForEvent } from '../runtime/domains/activity/notices';
import type { ActivityEvent } from '../runtime/domains/activity/types';
import { noticeText, word } from './words';

const event = (extra: Partial<ActivityEvent>): ActivityEvent => ({
  key: 'k',
  time: 1,
  object: 'container',
  type: 'container',
  action: 'die',
  id: 'abc',
  name: 'web',
  exitCode: 1,
  unexpected: true,
  ...extra,
});

describe("the shell's words", () => {
  it('words every kind of engine notice in English and Korean, from the locale files', () => {
    const notices = [
      noticeForEvent(event({}))!,
      noticeForEvent(event({ exitCode: 137, oom: true }))!,
      noticeForEvent(event({ action: 'health_status', detail: 'unhealthy' }))!,
    ];
    for (const lang of ['en', 'ko'] as const) {
      for (const notice of notices) {
        const text = noticeText(notice, lang);
        expect(text.title).toContain('web');
        expect(text.title).not.toMatch(/notify\.|\{\{/);
        expect(text.body).not.toMatch(/activity\.|notify\.|\{\{/);
      }
    }
    expect(noticeText(notices[1]!, 'en')).toEqual({
      title: 'web ran out of memory',
      body: expect.stringContaining('Exit code 137') as string,
    });
  });

  it('fills placeholders, falls back to English, then to the key', () => {
    expect(word('en', 'desktop.tray.failed', { command: 'docker stop web' })).toBe('docker stop web failed');
    expect(word('ko', 'desktop.tray.quit')).toBe('Wharf 종료');
    expect(word('ko', 'no.such.key')).toBe('no.such.key');
  });
});
