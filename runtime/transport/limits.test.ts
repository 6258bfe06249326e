// The limits' errors carry keys the UI translates: both languages must have them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, tooManySubscriptions, tooManyTerminals } from './limits';

type Tree = { [key: string]: string | Tree };
const locale = (language: string): Tree =>
  JSON.parse(
    readFileSync(new URL(`../../renderer/src/i18n/locales/${language}/errors.json`, import.meta.url), 'utf8'),
  ) as Tree;

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('connection limits', () => {
  it('are 256 subscriptions and 32 terminals', () => {
    expect(DEFAULT_LIMITS).toEqual({ subscriptions: 256, terminals: 32 });
  });

  it('refuse with errors whose keys both languages translate, with the limit in the text', () => {
    for (const error of [tooManySubscriptions(256), tooManyTerminals(32)]) {
      expect(error.key).toMatch(/^limits\./);
      for (const language of ['en', 'ko']) {
        const message = lookup(locale(language), `apiErrors.${error.key}.message`);
        expect(message, `${language} ${error.key}`).toContain('{{max}}');
        expect(lookup(locale(language), `apiErrors.${error.key}.hint`), `${language} ${error.key}`).toBeTruthy();
      }
      expect(error.message).toContain(error.params?.max);
    }
  });
});
