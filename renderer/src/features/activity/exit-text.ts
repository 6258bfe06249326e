// An exit code in words (activity.exit.* in the locale files).
import type { TFunction } from 'i18next';
import { explainExitCode } from '../../../../runtime/domains/activity/exit-codes';

export function exitTexts(t: TFunction, code: number, oomKilled = false): { short: string; long: string } {
  const long = exitWords(code, oomKilled);
  return { short: t(long.key.replace('.long.', '.short.'), long.values), long: t(long.key, long.values) };
}

/** The long explanation's key and values, to word later. */
export function exitWords(
  code: number,
  oomKilled = false,
): { key: string; values: { code: number; signal: number | string } } {
  const { meaning, signal } = explainExitCode(code, oomKilled);
  return { key: `activity.exit.long.${meaning}`, values: { code, signal: signal ?? '' } };
}
