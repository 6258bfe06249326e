// Settings: how the desktop app behaves when its window closes and when it
// quits (kept in the runtime's settings, read by the Electron shell).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { trayOnCloseDefault } from '../../../../runtime/domains/settings/contract';
import type { QuitEngineChoice, RuntimeSettings } from '../../../../runtime/domains/settings/types';
import { useClient } from '../../api/ClientProvider';
import { useShownValue } from '../../lib/useShownValue';
import { engineKeys, useRuntimeSettings } from '../engine/queries';
import { pagePlatform } from './platform';

type DesktopPatch = Pick<RuntimeSettings, 'trayOnClose' | 'quitEngine'>;

const CHOICES: { value: QuitEngineChoice; key: string }[] = [
  { value: 'ask', key: 'desktop.settings.quitAsk' },
  { value: 'stop', key: 'desktop.settings.quitStop' },
  { value: 'keep', key: 'desktop.settings.quitKeep' },
];

export function DesktopSettingsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const settings = useRuntimeSettings();
  const platform = pagePlatform();
  const mac = platform === 'darwin';
  const [tray, showTray] = useShownValue(mac || (settings.data?.trayOnClose ?? trayOnCloseDefault(platform)));
  const [quit, showQuit] = useShownValue<QuitEngineChoice>(settings.data?.quitEngine ?? 'ask');
  const save = useMutation({
    mutationFn: (patch: DesktopPatch) => client.request('settings.update', patch),
    onSuccess: (next) => queryClient.setQueryData(engineKeys.settings(), next),
    onError: () => void queryClient.invalidateQueries({ queryKey: engineKeys.settings() }),
  });
  const change = (patch: DesktopPatch) => {
    // The control shows the choice at once; a failed save puts back what the runtime holds.
    void queryClient.cancelQueries({ queryKey: engineKeys.settings() });
    queryClient.setQueryData<RuntimeSettings>(engineKeys.settings(), (s) => (s ? { ...s, ...patch } : s));
    save.mutate(patch);
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="desktop-settings">
      <h2 id={`${id}-h`}>{t('desktop.settings.title')}</h2>
      <p className="muted small">{t('desktop.settings.intro')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={tray}
          disabled={!settings.data || mac}
          onChange={(e) => {
            showTray(e.target.checked);
            change({ trayOnClose: e.target.checked });
          }}
        />
        <span>
          {t('desktop.settings.trayOnClose')}
          <span className="check-help">{t('desktop.settings.trayOnCloseHelp')}</span>
        </span>
      </label>
      <div className="field-row">
        <label htmlFor={`${id}-quit`}>{t('desktop.settings.quitEngine')}</label>
        <select
          id={`${id}-quit`}
          value={quit}
          disabled={!settings.data}
          onChange={(e) => {
            const quitEngine = e.target.value as QuitEngineChoice;
            showQuit(quitEngine);
            change({ quitEngine });
          }}
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {t(c.key)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
