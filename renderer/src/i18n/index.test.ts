// The page parses only the language it shows; the other when the user switches to it.
import { describe, expect, it } from 'vitest';
import { initI18n, switchLanguage } from './index';

describe('initI18n and switchLanguage', () => {
  it('gives i18next the shown language only, and the other on its first switch', async () => {
    const i18n = initI18n('en');
    expect(i18n.language).toBe('en');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(true);
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(false);
    expect(i18n.t('nav.containers')).toBe('Containers');

    switchLanguage('ko');
    await new Promise((r) => setTimeout(r, 0));
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(true);
    expect(i18n.language).toBe('ko');
    expect(i18n.t('nav.containers')).not.toBe('Containers');
    expect(i18n.t('nav.containers')).not.toBe('nav.containers');

    switchLanguage('en');
    expect(i18n.language).toBe('en');
    expect(i18n.t('nav.containers')).toBe('Containers');
  });
});
