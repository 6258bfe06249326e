// WSL2 takes CPUs and memory from %UserProfile%\.wslconfig, for every WSL
// distro at once: this says how the file stands against Wharf's settings and
// offers to write the two keys, asking first, then says WSL must restart.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WslConfigStatus } from '../../../../runtime/domains/vm/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { plain } from './plain-error';

const SHUTDOWN = 'wsl --shutdown';

export function WslConfigNotice({ config }: { config: WslConfigStatus }) {
  const { t } = useTranslation();
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const apply = useMutation({
    mutationFn: () => client.request('vm.applyWslConfig', { confirmed: true }),
    onSuccess: () => setAsking(false),
  });
  const now = t('vmWsl.values', {
    processors: config.current.processors ?? t('vmWsl.default'),
    memory: config.current.memory ?? t('vmWsl.default'),
  });
  const wanted = t('vmWsl.values', { processors: config.wanted.processors, memory: config.wanted.memory });

  return (
    <div
      className="vm-wslconfig"
      data-testid="vm-wslconfig"
      data-matches={config.matches}
      data-restart={config.restartNeeded}
    >
      <h3>{t('vmWsl.title')}</h3>
      <p className="muted small">{t('vmWsl.explain', { path: config.path })}</p>
      <dl className="vm-facts">
        <dt>{t('vmWsl.now')}</dt>
        <dd>{config.exists ? now : t('vmWsl.noFile')}</dd>
        <dt>{t('vmWsl.wanted')}</dt>
        <dd>{wanted}</dd>
      </dl>
      {config.restartNeeded ? (
        <p className="notice" role="status">
          {t('vmWsl.written', { path: config.path })} <code>{SHUTDOWN}</code>
          <CopyButton text={SHUTDOWN} label={t('vmWsl.copyShutdown')} />
        </p>
      ) : config.matches ? (
        <p className="muted small">{t('vmWsl.matches')}</p>
      ) : (
        <button type="button" className="button" onClick={() => setAsking(true)}>
          {t('vmWsl.write')}
        </button>
      )}
      {apply.error && !asking && <ErrorAlert title={t('vmWsl.failed')} messages={[plain(apply.error)]} />}
      {asking && (
        <ActionDialog
          title={t('vmWsl.dialogTitle')}
          onCancel={() => setAsking(false)}
          action={t('vmWsl.confirm')}
          onAction={() => apply.mutate()}
          disabled={apply.isPending}
          focusAction={false}
        >
          <p>{t('vmWsl.warnAll', { path: config.path })}</p>
          <p>{t('vmWsl.keep')}</p>
          <pre className="vm-pre" data-testid="wslconfig-change">
            {[...config.removed.map((l) => `- ${l}`), ...config.added.map((l) => `+ ${l}`)].join('\n')}
          </pre>
          <p>
            {t('vmWsl.restart')} <code>{SHUTDOWN}</code>
          </p>
          {apply.error && <ErrorAlert title={t('vmWsl.failed')} messages={[plain(apply.error)]} />}
        </ActionDialog>
      )}
    </div>
  );
}
