// An exit code in words (activity.exit.* in the locale files).
import type { TFunction } from 'i18next';
import { explainExitCode } from '../../../../runtime/domains/activity/exit-codes';

export function exitTexts(t: TFunction, code: number, oomKilled = false): { short: string; long: string } {
  const { meaning, signal } = explainExitCode(code, oomKilled);
  const values = { code, signal: signal ?? '' };
  return { short: t(`activity.exit.short.${meaning}`, values), long: t(`activity.exit.long.${meaning}`, values) };
}
