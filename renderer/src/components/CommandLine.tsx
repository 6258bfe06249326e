// The docker command a view or a form stands for, with a copy button: what a
// user would type to do or see the same thing.
import { useTranslation } from 'react-i18next';
import { useCopy } from '../lib/useCopy';
import { CheckIcon, CopyIcon, TerminalIcon } from './Icons';
import './command-line.css';

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

/** One line under a view's header: the command of what it shows. */
export function CommandLine({ command }: { command: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="command-line" data-testid="view-command">
      <TerminalIcon size={14} className="command-line-icon" />
      <span className="command-line-label">{t('details.command')}</span>
      <code>{command ?? '…'}</code>
      <CopyButton text={command} label={t('details.copyCommand')} />
    </div>
  );
}

interface CommandBoxProps {
  /** The command, once the runtime has written it. */
  command: string | undefined;
  /** Whether the form is valid; an invalid form shows `fix` in place of the command. */
  valid: boolean;
  fix: string;
  copyLabel: string;
  testId: string;
}

/** A form's live command, wrapped over lines, with a copy button. */
export function CommandBox({ command, valid, fix, copyLabel, testId }: CommandBoxProps) {
  return (
    <div className="command-box">
      <code data-testid={testId} data-valid={valid ? 'true' : 'false'} className={valid ? undefined : 'stale'}>
        {command ?? (valid ? '…' : fix)}
      </code>
      <CopyButton text={command} label={copyLabel} />
    </div>
  );
}
