// One event in words, through the shared wording (runtime/domains/activity/words.ts).
import type { TFunction } from 'i18next';
import type { ActivityEvent } from '../../../../runtime/domains/activity/types';
import { wordsOf } from '../../../../runtime/domains/activity/words';
import { exitTexts } from './exit-text';

export function eventText(t: TFunction, event: ActivityEvent): string {
  const w = wordsOf(event);
  const meaning = w.exit ? exitTexts(t, event.exitCode ?? 0, event.oom === true).short : '';
  return t(`activity.words.${w.key}`, { ...w.values, meaning });
}
