// The docker command a view stands for, with a copy button: what a user
// would type to see the same thing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CopyIcon, TerminalIcon } from './Icons';
import './command-line.css';

export function CommandLine({ command }: { command: string | undefined }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
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
          if (command !== undefined) void copy(command).then(() => setCopied(true), () => setCopied(false));
        }}
      >
        {copied ? <CheckIcon className="ok" /> : <CopyIcon />}
      </button>
    </div>
  );
}

/** Copies text, with a fallback where the Clipboard API is missing (plain http). */
export async function copy(text: string): Promise<void> {
  if (navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
