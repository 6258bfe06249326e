// Settings: each kind of notification on or off (kept in the runtime's settings).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationSettings } from '../../../../../runtime/domains/settings/types';
import type { RuntimeSettings } from '../../../../../runtime/domains/settings/types';
import { useClient } from '../../../api/ClientProvider';
import { useShownValue } from '../../../lib/useShownValue';
import { engineKeys, useRuntimeSettings } from '../../engine/queries';
import { ALL_ON } from './notices';

const KINDS = ['died', 'oom', 'unhealthy', 'longAction'] as const;

export function NotificationSettingsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const settings = useRuntimeSettings();
  // Only the newest save's answer is kept: an older one arriving late would undo a later click.
  const latest = useRef(0);
  const save = useMutation({
    mutationFn: async ({ notifications, seq }: { notifications: NotificationSettings; seq: number }) => ({
      seq,
      next: await client.request('settings.update', { notifications }),
    }),
    onSuccess: ({ seq, next }) => {
      if (seq === latest.current) queryClient.setQueryData(engineKeys.settings(), next);
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: engineKeys.settings() }),
  });
  const [current, show] = useShownValue(settings.data?.notifications ?? ALL_ON);
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="notification-settings">
      <h2 id={`${id}-h`}>{t('notify.settings.title')}</h2>
      <p className="muted small">{t('notify.settings.intro')}</p>
      {KINDS.map((kind) => (
        <label key={kind} className="check">
          <input
            type="checkbox"
            checked={current[kind]}
            disabled={!settings.data}
            onChange={(e) => {
              const next = { ...current, [kind]: e.target.checked };
              show(next);
              // The box shows the choice at once (a read still on its way must not put the old one
              // back); a failed save puts back what the runtime holds.
              void queryClient.cancelQueries({ queryKey: engineKeys.settings() });
              queryClient.setQueryData<RuntimeSettings>(engineKeys.settings(), (s) =>
                s ? { ...s, notifications: next } : s,
              );
              latest.current += 1;
              save.mutate({ notifications: next, seq: latest.current });
            }}
          />
          <span>{t(`notify.settings.${kind}`)}</span>
        </label>
      ))}
    </section>
  );
}
