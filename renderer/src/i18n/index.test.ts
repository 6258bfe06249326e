// The page loads only the language it shows; the other comes on first switch.
import { describe, expect, it } from 'vitest';
import { initI18n, switchLanguage } from './index';

describe('initI18n and switchLanguage', () => {
  it('loads the chosen language only, the other on switch, and the last switch asked wins', async () => {
    const i18n = await initI18n('en');
    expect(i18n.language).toBe('en');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(true);
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(false);
    expect(i18n.t('nav.containers')).toBe('Containers');

    // Korean asked, then English again before Korean's text came: English stays.
    const toKo = switchLanguage('ko');
    await switchLanguage('en');
    await toKo;
    expect(i18n.language).toBe('en');
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(true);

    await switchLanguage('ko');
    expect(i18n.language).toBe('ko');
    expect(i18n.t('nav.containers')).not.toBe('Containers');
    expect(i18n.t('nav.containers')).not.toBe('nav.containers');
  });
});
