// An exit code in words (activity.exit.* in the locale files).
import type { TFunction } from 'i18next';
import { exitWords } from '../../../../runtime/domains/activity/notices';

export { exitWords };

export function exitTexts(t: TFunction, code: number, oomKilled = false): { short: string; long: string } {
  const long = exitWords(code, oomKilled);
  return { short: t(long.key.replace('.long.', '.short.'), long.values), long: t(long.key, long.values) };
}
