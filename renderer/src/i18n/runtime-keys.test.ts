// Every message key the runtime can send has a text in English and in Korean.
// The keys are read from the runtime's source: an object's `key: '…'`, and the
// key argument of the helpers that build keyed errors from runtime/api/error-texts.ts.
import { describe, expect, it } from 'vitest';
import { resources } from './resources';

type Tree = { [key: string]: string | Tree };

// The runtime's source as text, through Vite (the renderer has no Node types).
const runtimeSources = import.meta.glob<string>(['../../../runtime/**/*.ts', '!../../../runtime/**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

// activity/words.ts keys the feed's sentences (activity.words.*) and activity/notices.ts the notices
// (notify.*), not messages: the activity tests hold those.
const NOT_MESSAGES = new Set([
  '../../../runtime/domains/activity/words.ts',
  '../../../runtime/domains/activity/notices.ts',
]);

// Keys the renderer words with a text of its own feature instead of apiErrors.<key>.
const WORDED_ELSEWHERE: Record<string, string> = {
  'run.notRunCommand': 'run.paste.notRun',
};

const KEY = String.raw`'([a-z]+(?:\.[A-Za-z]+)+)'`;
const PATTERNS = [
  new RegExp(String.raw`\bkey:\s*${KEY}`, 'g'),
  new RegExp(String.raw`\b(?:keyedError|keyed|engineWords|unsupported|errorMessage|errorHint)\([^;]*?${KEY}`, 'g'),
];

function runtimeKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [path, text] of Object.entries(runtimeSources)) {
    if (NOT_MESSAGES.has(path)) continue;
    for (const pattern of PATTERNS)
      for (const m of text.matchAll(pattern)) keys.set(m[1]!, path.replace('../../../', ''));
  }
  return keys;
}

function lookup(tree: Tree, path: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

/** The text a key shows: apiErrors.<key> itself, or its message. */
function hasText(tree: Tree, key: string): boolean {
  const node = lookup(tree, `apiErrors.${key}`);
  return typeof node === 'string' || (typeof node === 'object' && typeof node.message === 'string');
}

describe('the message keys the runtime sends', () => {
  const keys = runtimeKeys();

  it('are found in the runtime source, from every domain that sends them', () => {
    for (const key of [
      'compose.noTool',
      'compose.scaleUnsupported',
      'compose.problem.tab',
      'network.inUse',
      'disk.inUseNow',
    ])
      expect(keys.has(key), key).toBe(true);
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`each have a text in ${lang}`, () => {
      const tree: Tree = resources[lang].translation;
      const missing = [...keys]
        .filter(([key]) => {
          const elsewhere = WORDED_ELSEWHERE[key];
          return elsewhere ? typeof lookup(tree, elsewhere) !== 'string' : !hasText(tree, key);
        })
        .map(([key, file]) => `${key} (${file})`);
      expect(missing).toEqual([]);
    });
  }
});
