// What an exited container's exit code means, where the code is shown.
import './activity.css';
import { useTranslation } from 'react-i18next';
import { exitTexts } from './exit-text';

/** The short meaning after the code, and the longer explanation below it. */
export function ExitMeaning({ code, oomKilled }: { code: number; oomKilled: boolean }) {
  const { t } = useTranslation();
  const text = exitTexts(t, code, oomKilled);
  return (
    <span className="exit-meaning" data-testid="exit-meaning">
      <span className={code === 0 && !oomKilled ? '' : 'exit-bad'}>{text.short}</span>
      <span className="muted exit-long">{text.long}</span>
    </span>
  );
}
