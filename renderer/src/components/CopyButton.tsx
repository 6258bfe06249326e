// A copy-to-clipboard icon button: the command bar, a view's command line, a form's command.
import { useTranslation } from 'react-i18next';
import { useCopy } from '../lib/useCopy';
import { CheckIcon, CopyIcon } from './Icons';

/** Copies `text` (nothing to copy: disabled); shows a check once copied. */
export function CopyButton({ text, label }: { text: string | undefined; label: string }) {
  const { t } = useTranslation();
  const [copied, copy] = useCopy();
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={copied ? t('commandBar.copied') : label}
      disabled={text === undefined}
      onClick={() => {
        if (text !== undefined) copy(text);
      }}
    >
      {copied ? <CheckIcon className="ok" /> : <CopyIcon />}
    </button>
  );
}
