// The docker command a view stands for, with a copy button: what a user
// would type to see the same thing.
import { useTranslation } from 'react-i18next';
import { useCopy } from '../lib/useCopy';
import { CheckIcon, CopyIcon, TerminalIcon } from './Icons';
import './command-line.css';

export function CommandLine({ command }: { command: string | undefined }) {
  const { t } = useTranslation();
  const [copied, copy] = useCopy();
  return (
    <div className="command-line" data-testid="view-command">
      <TerminalIcon size={14} className="command-line-icon" />
      <span className="command-line-label">{t('details.command')}</span>
      <code>{command ?? '…'}</code>
      <button
        type="button"
        className="icon-button"
        aria-label={t('details.copyCommand')}
        title={copied ? t('commandBar.copied') : t('details.copyCommand')}
        disabled={command === undefined}
        onClick={() => {
          if (command !== undefined) copy(command);
        }}
      >
        {copied ? <CheckIcon className="ok" /> : <CopyIcon />}
      </button>
    </div>
  );
}
