// In the containers list, beside an exited container's state: what its exit
// code means, in a few words (the whole explanation on hover and on the container's page).
import './activity.css';
import { useTranslation } from 'react-i18next';
import { exitCodeFromStatus } from '../../../../runtime/domains/activity/exit-codes';
import { exitTexts } from './exit-text';

export function ExitShort({ status }: { status: string }) {
  const { t } = useTranslation();
  const code = exitCodeFromStatus(status);
  if (code === undefined) return null;
  const text = exitTexts(t, code);
  return (
    <span className={code === 0 ? 'exit-short' : 'exit-short exit-bad'} title={text.long} data-testid="exit-short">
      {text.short}
    </span>
  );
}
