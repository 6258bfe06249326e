// The shell's own text (tray, dialogs, native notifications), read from the
// same locale files the page uses, so each text has one English and one
// Korean source: desktop.json for the shell, activity.json for the notices.
import enActivity from '../renderer/src/i18n/locales/en/activity.json';
import enDesktop from '../renderer/src/i18n/locales/en/desktop.json';
import koActivity from '../renderer/src/i18n/locales/ko/activity.json';
import koDesktop from '../renderer/src/i18n/locales/ko/desktop.json';

import type { Notice } from '../runtime/domains/activity/notices';

export type Lang = 'en' | 'ko';

type Tree = { [key: string]: string | Tree };

const TREES: Record<Lang, Tree> = {
  en: { ...(enActivity as Tree), ...(enDesktop as Tree) },
  ko: { ...(koActivity as Tree), ...(koDesktop as Tree) },
};

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text of a key in the language (English when Korean lacks it; the key itself when neither has it). */
export function word(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const text = lookup(TREES[lang], key) ?? lookup(TREES.en, key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    values[name] !== undefined ? String(values[name]) : whole,
  );
}

/** The language Wharf speaks: the one chosen in the page, else the system's. */
export function languageOf(chosen: string | undefined, systemLocale: string): Lang {
  if (chosen === 'en' || chosen === 'ko') return chosen;
  return systemLocale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** A notice in words: title and body in the app's language. */
export function noticeText(notice: Notice, lang: Lang): { title: string; body: string } {
  return {
    title: word(lang, notice.title.key, notice.title.values),
    body: word(lang, notice.body.key, notice.body.values),
  };
}
