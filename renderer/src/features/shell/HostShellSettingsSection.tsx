// Settings: offer the terminal on this machine, or not (kept in the runtime's settings).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuntimeSettings } from '../../../../runtime/domains/settings/types';
import { useClient } from '../../api/ClientProvider';
import { useShownValue } from '../../lib/useShownValue';
import { engineKeys, useRuntimeSettings } from '../engine/queries';
import { shellKeys, useShellAvailable } from './queries';

export function HostShellSettingsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const settings = useRuntimeSettings();
  const remote = useShellAvailable().data?.reason === 'remote-browser';
  const [offered, show] = useShownValue(settings.data?.hostShell !== false);
  const save = useMutation({
    mutationFn: (hostShell: boolean) => client.request('settings.update', { hostShell }),
    onError: () => void queryClient.invalidateQueries({ queryKey: engineKeys.settings() }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: shellKeys.all }),
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="host-shell-settings">
      <h2 id={`${id}-h`}>{t('shell.settings.title')}</h2>
      <p className="muted small">{t('shell.settings.intro')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={!remote && offered}
          disabled={!settings.data || remote}
          onChange={(e) => {
            const hostShell = e.target.checked;
            show(hostShell);
            // The box shows the choice at once; a failed save puts back what the runtime holds.
            void queryClient.cancelQueries({ queryKey: engineKeys.settings() });
            queryClient.setQueryData<RuntimeSettings>(engineKeys.settings(), (s) => (s ? { ...s, hostShell } : s));
            save.mutate(hostShell);
          }}
        />
        <span>
          {t('shell.settings.offer')}
          <span className="check-help">
            {remote ? t('shell.unavailable.remote-browser') : t('shell.settings.offerHelp')}
          </span>
        </span>
      </label>
    </section>
  );
}
