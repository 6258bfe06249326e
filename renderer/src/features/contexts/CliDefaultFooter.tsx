// Under the switcher's lists: the command that would make the CLI use the same
// context (and the form for one command only), a note that Wharf's choice leaves the CLI's alone, and the button
// that also makes it the CLI's default.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { contextOnceCommand, contextUseCommand } from '../../../../runtime/domains/contexts/cli';
import type { EngineContextItem } from '../../../../runtime/domains/contexts/types';
import { CommandLine } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { useMakeCliDefault } from './queries';

export function CliDefaultFooter({ item }: { item: EngineContextItem }) {
  const { t } = useTranslation();
  const make = useMakeCliDefault();
  const command = contextUseCommand(item.kind, item.name);
  const docker = item.kind === 'docker-context';
  const { reset, isSuccess } = make;
  // The button goes away once it worked: the answer takes the focus it had.
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (isSuccess) done.current?.focus();
  }, [isSuccess]);
  // Another context selected: the last answer was about the previous one.
  useEffect(() => reset(), [item.kind, item.name, reset]);

  return (
    <div className="context-footer" data-testid="cli-default">
      <p className="small">
        {docker ? t('contexts.footerDocker', { name: item.name }) : t('contexts.footerPodman', { name: item.name })}
      </p>
      <CommandLine command={command} />
      <p className="small muted" data-testid="once-command">
        {t('contexts.onceOnly')} <code>{contextOnceCommand(item.kind, item.name, 'ps')}</code>
      </p>
      {make.isSuccess ? (
        <p className="small" role="status" tabIndex={-1} ref={done}>
          {docker ? t('contexts.cliNowDocker', { name: item.name }) : t('contexts.cliNowPodman', { name: item.name })}
          {make.data.overriddenBy && ` ${t('contexts.cliStillOverridden', { variable: make.data.overriddenBy })}`}
        </p>
      ) : item.cliCurrent ? (
        <p className="small muted">{docker ? t('contexts.alreadyCliDocker') : t('contexts.alreadyCliPodman')}</p>
      ) : (
        <>
          <p className="small muted">{t('contexts.cliUnchanged')}</p>
          <button
            type="button"
            className="button button-small"
            disabled={make.isPending}
            onClick={() => make.mutate({ kind: item.kind, name: item.name })}
          >
            {make.isPending && <Spinner size={12} />}
            {t('contexts.makeCliDefault')}
          </button>
        </>
      )}
      {make.error && <ErrorAlert title={t('contexts.cliFailed')} messages={[make.error]} command={command} />}
    </div>
  );
}
