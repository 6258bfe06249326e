// Settings: Wharf's version, and whether the desktop app may check for new
// versions (off unless the user turns it on), with the last check's outcome.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../../runtime/domains/app/types';
import type { RuntimeSettings } from '../../../../runtime/domains/settings/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { formatExact, formatRelative } from '../../lib/format';
import { useShownValue } from '../../lib/useShownValue';
import { useUi } from '../../state/ui-store';
import { engineKeys, useRuntimeSettings } from '../engine/queries';
import { appKeys, useAppInfo } from './queries';

export function UpdatesSettingsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const info = useAppInfo().data;
  const settings = useRuntimeSettings();
  const [allowed, show] = useShownValue(settings.data?.checkForUpdates === true);
  const updates = info?.updates;
  const supported = updates?.supported === true;

  const save = useMutation({
    mutationFn: (checkForUpdates: boolean) => client.request('settings.update', { checkForUpdates }),
    onError: () => void queryClient.invalidateQueries({ queryKey: engineKeys.settings() }),
    // Turning it on starts a check: show its outcome when it comes.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: appKeys.info() }),
  });
  const check = useMutation({
    mutationFn: () => client.request('app.checkForUpdates', {}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: appKeys.info() }),
  });
  const install = useMutation({ mutationFn: () => client.request('app.installUpdate', {}) });
  const checking = check.isPending || updates?.checking === true;
  const ready = updates?.last?.result === 'downloaded' ? updates.last.version : undefined;

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="updates-settings">
      <h2 id={`${id}-h`}>{t('app.updates.title')}</h2>
      <div className="field-row">
        <span className="field-label">{t('app.updates.version')}</span>
        <span>
          <span className="mono" data-testid="app-version">
            {info?.version ?? '…'}
          </span>
          {updates && updates.channel !== 'latest' && (
            <span className="pill">{t('app.updates.channel', { channel: updates.channel })}</span>
          )}
        </span>
      </div>
      <label className="check">
        <input
          type="checkbox"
          role="switch"
          checked={supported && allowed}
          disabled={!settings.data || !supported}
          onChange={(e) => {
            const checkForUpdates = e.target.checked;
            show(checkForUpdates);
            // The switch shows the choice at once; a failed save puts back what the runtime holds.
            void queryClient.cancelQueries({ queryKey: engineKeys.settings() });
            queryClient.setQueryData<RuntimeSettings>(engineKeys.settings(), (s) =>
              s ? { ...s, checkForUpdates } : s,
            );
            save.mutate(checkForUpdates);
          }}
        />
        <span>
          {t('app.updates.allow')}
          <span className="check-help">
            {updates?.unsupported ? t(`app.updates.unsupported.${updates.unsupported}`) : t('app.updates.allowHelp')}
          </span>
        </span>
      </label>
      {supported && allowed && (
        <div className="field-row">
          <LastCheck status={updates} checking={checking} />
          <button type="button" className="button button-small" disabled={checking} onClick={() => check.mutate()}>
            {checking ? <Spinner size={12} /> : null} {t(checking ? 'app.updates.checking' : 'app.updates.checkNow')}
          </button>
        </div>
      )}
      {supported && ready !== undefined && (
        <div className="field-row">
          <p className="small">{t('app.updates.restartHelp')}</p>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={install.isPending || install.isSuccess}
            onClick={() => install.mutate()}
          >
            {install.isPending || install.isSuccess ? <Spinner size={12} /> : null}{' '}
            {t('app.updates.restart', { version: ready })}
          </button>
        </div>
      )}
      {install.error && (
        <ErrorAlert
          title={t('app.updates.installFailed')}
          messages={[install.error]}
          onDismiss={() => install.reset()}
        />
      )}
      {check.error && (
        <ErrorAlert title={t('app.updates.checkFailed')} messages={[check.error]} onDismiss={() => check.reset()} />
      )}
    </section>
  );
}

function LastCheck({ status, checking }: { status: UpdateStatus | undefined; checking: boolean }) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const last = status?.last;
  let text: string;
  if (checking) text = t('app.updates.checking');
  else if (!last) text = t('app.updates.never');
  else {
    const when = formatRelative(new Date(last.at), language);
    text =
      last.result === 'error'
        ? t('app.updates.last.error', { when, message: last.message })
        : last.result === 'current'
          ? t('app.updates.last.current', { when })
          : t(`app.updates.last.${last.result}`, { when, version: last.version });
  }
  return (
    <p
      className="small"
      role="status"
      data-testid="update-last-check"
      title={last ? formatExact(new Date(last.at), language) : undefined}
    >
      {text}
    </p>
  );
}
