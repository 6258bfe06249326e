// How to open a terminal: exec (a new shell) or attach (the main process),
// and for exec the shell, user and working directory.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalMode } from '../../../../runtime/domains/terminal/contract';

export interface OpenChoice {
  mode: TerminalMode;
  command?: string[];
  user?: string;
  workdir?: string;
}

/** "bash -l" → ["bash", "-l"]; empty → auto. Words split on spaces; quoting is not needed for a shell name. */
export function parseShell(text: string): string[] | undefined {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.length > 0 ? words : undefined;
}

export function TerminalOptionsForm({
  onOpen,
  disabled,
  children,
}: {
  onOpen: (choice: OpenChoice) => void;
  disabled?: boolean;
  /** Extra fields before the options (the container picker). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<TerminalMode>('exec');
  const [shell, setShell] = useState('');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');
  const exec = mode === 'exec';
  return (
    <form
      className="terminal-options"
      onSubmit={(e) => {
        e.preventDefault();
        const command = exec ? parseShell(shell) : undefined;
        onOpen({
          mode,
          ...(command ? { command } : {}),
          ...(exec && user.trim() ? { user: user.trim() } : {}),
          ...(exec && workdir.trim() ? { workdir: workdir.trim() } : {}),
        });
      }}
    >
      {children}
      <div className="segmented" role="radiogroup" aria-label={t('terminal.mode')}>
        {(['exec', 'attach'] as const).map((m) => (
          <label key={m} className={mode === m ? 'segmented-on' : undefined}>
            <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
            {m === 'exec' ? t('terminal.modeExec') : t('terminal.modeAttach')}
          </label>
        ))}
      </div>
      {exec && (
        <>
          <label className="terminal-field">
            <span>{t('terminal.shell')}</span>
            <input
              className="input input-small mono"
              value={shell}
              placeholder={t('terminal.shellAuto')}
              onChange={(e) => setShell(e.target.value)}
            />
          </label>
          <label className="terminal-field">
            <span>{t('terminal.user')}</span>
            <input
              className="input input-small mono"
              value={user}
              placeholder={t('terminal.userDefault')}
              onChange={(e) => setUser(e.target.value)}
            />
          </label>
          <label className="terminal-field">
            <span>{t('terminal.workdir')}</span>
            <input
              className="input input-small mono"
              value={workdir}
              placeholder={t('terminal.workdirDefault')}
              onChange={(e) => setWorkdir(e.target.value)}
            />
          </label>
        </>
      )}
      <button type="submit" className="button button-small button-primary" disabled={disabled}>
        {exec ? t('terminal.open') : t('terminal.attach')}
      </button>
    </form>
  );
}
