// The docker command a view or a form stands for, with a copy button: what a
// user would type to do or see the same thing.
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';
import { TerminalIcon } from './Icons';
import './command-line.css';

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
