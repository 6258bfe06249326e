import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineKind, EngineState } from '../../../../runtime/domains/engine/types';
import { ApiError } from '../../../../runtime/api/errors';
import { useClient } from '../../api/ClientProvider';
import { engineName } from '../../components/EngineStatus';
import { Spinner } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { InsecureEndpointWarning } from '../engine/InsecureEndpointWarning';
import { LeftoversSection } from '../leftovers/LeftoversSection';
import { VmSettingsSection } from '../vm/VmSettingsSection';
import { engineKeys, useRuntimeSettings } from '../engine/queries';
import { engineLabel } from '../../lib/engine-label';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { useEngineState } from '../engine/queries';
import { useUi, type Language, type ThemeChoice } from '../../state/ui-store';
import { NotificationSettingsSection } from '../activity/notifications/NotificationSettingsSection';
import { HostShellSettingsSection } from '../shell/HostShellSettingsSection';
import { DesktopSettingsSection } from '../desktop/DesktopSettingsSection';
import { UpdatesSettingsSection } from '../app/UpdatesSettingsSection';
import './settings.css';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section className="page page-narrow" aria-labelledby="settings-title">
      <PageHeader id="settings-title" title={t('nav.settings')} />
      <AppearanceSection />
      <EngineSection />
      <PrivateEngineSection />
      <NotificationSettingsSection />
      <DesktopSettingsSection />
      <HostShellSettingsSection />
      <VmSettingsSection />
      <LeftoversSection />
      <UpdatesSettingsSection />
      <p className="muted small settings-foot">{t('settings.foot')}</p>
    </section>
  );
}

function AppearanceSection() {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const theme = useUi((s) => s.theme);
  const langId = useId();
  const themeId = useId();
  return (
    <section className="card" aria-labelledby={`${langId}-h`}>
      <h2 id={`${langId}-h`}>{t('settings.appearance')}</h2>
      <div className="field-row">
        <label htmlFor={langId}>{t('settings.language')}</label>
        <select id={langId} value={language} onChange={(e) => useUi.getState().setLanguage(e.target.value as Language)}>
          <option value="en">English</option>
          <option value="ko">한국어</option>
        </select>
      </div>
      <div className="field-row">
        <label htmlFor={themeId}>{t('settings.theme')}</label>
        <select id={themeId} value={theme} onChange={(e) => useUi.getState().setTheme(e.target.value as ThemeChoice)}>
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
      </div>
    </section>
  );
}

function EngineSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const state = useEngineState().data;
  const fieldId = useId();
  const [address, setAddress] = useState('');
  const [tls, setTls] = useState({ ca: '', cert: '', key: '', verify: true });
  const wantsTls = /^(tcp|https):\/\//i.test(address.trim());
  const candidates = useQuery({
    queryKey: engineKeys.candidates(),
    queryFn: () => client.request('engine.candidates', {}),
  });
  const settings = useRuntimeSettings();
  const use = useMutation({
    mutationFn: (endpoint: string | null) => {
      const files = { ca: tls.ca.trim(), cert: tls.cert.trim(), key: tls.key.trim() };
      const withTls =
        endpoint !== null && endpoint === address && wantsTls && (files.ca || files.cert || files.key || !tls.verify);
      return client.request('engine.use', {
        endpoint,
        ...(withTls
          ? {
              tls: {
                verify: tls.verify,
                ...(files.ca ? { ca: files.ca } : {}),
                ...(files.cert ? { cert: files.cert } : {}),
                ...(files.key ? { key: files.key } : {}),
              },
            }
          : {}),
      });
    },
    onSuccess: (next) => chosen(next),
  });
  const chosen = (next: EngineState): void => {
    queryClient.setQueryData(engineKeys.state(), next);
    void queryClient.invalidateQueries({ queryKey: engineKeys.settings() });
    void queryClient.invalidateQueries({ queryKey: engineKeys.candidates() });
  };
  // Plain tcp:// to another machine: refused until the user accepts the risk for that endpoint.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: (endpoint: string) => client.request('engine.acceptInsecure', { endpoint }),
    onSuccess: (next) => {
      use.reset();
      chosen(next);
    },
  });
  const refused =
    use.error instanceof ApiError && use.error.key === 'engine.insecureNotAccepted'
      ? use.error.params
      : state?.phase === 'error' && state.error.key === 'engine.insecureNotAccepted'
        ? state.error.params
        : undefined;
  const insecure =
    refused?.endpoint && refused.endpoint !== dismissed
      ? { endpoint: refused.endpoint, host: refused.host ?? '' }
      : null;
  const localize = useLocalizeError();
  const error = use.error instanceof ApiError ? use.error : use.error ? new Error(String(use.error)) : null;
  const shownError =
    error && !(error instanceof ApiError && error.key === 'engine.insecureNotAccepted') ? localize(error) : null;
  const current = state?.phase === 'connected' ? state.engine : null;

  return (
    <section className="card" aria-labelledby={`${fieldId}-h`}>
      <h2 id={`${fieldId}-h`}>{t('settings.engine')}</h2>
      <p className="muted small">{t('settings.engineExplain')}</p>
      <p className="muted small">{t('settings.contextsHint')}</p>

      <div className="current-engine">
        <span className="field-label">{t('settings.current')}</span>
        {current ? (
          <span>
            {engineName(current)} <code>{current.endpoint}</code>{' '}
            <span className="pill">{t(`source.${current.source}`)}</span>
          </span>
        ) : (
          <span className="muted">{t('settings.notConnected')}</span>
        )}
      </div>

      <h3>{t('settings.discovered')}</h3>
      {candidates.isPending ? (
        <p className="notice">
          <Spinner size={14} />
          {t('common.loading')}
        </p>
      ) : candidates.data && candidates.data.length > 0 ? (
        <ul className="candidate-list" aria-label={t('settings.discovered')}>
          {candidates.data.map((c) => {
            const label = engineLabel(c, t);
            return (
              <li key={c.endpoint} className="candidate">
                <span className={`status-dot ${c.reachable ? 'dot-green' : 'dot-grey'}`} aria-hidden="true" />
                <div className="candidate-text">
                  <span>{label}</span>
                  <code className="secondary">{c.endpoint}</code>
                </div>
                {c.unencrypted && <span className="pill pill-unencrypted">{t('settings.unencrypted')}</span>}
                {c.unencrypted?.accepted !== false && (
                  <span className={c.reachable ? 'pill pill-green' : 'pill'}>
                    {c.reachable ? t('settings.reachable') : t('settings.unreachable')}
                  </span>
                )}
                <button
                  type="button"
                  className="button button-small"
                  disabled={use.isPending || current?.endpoint === c.endpoint}
                  aria-label={t(current?.endpoint === c.endpoint ? 'settings.inUseThis' : 'settings.useThis', {
                    label,
                  })}
                  onClick={() => use.mutate(c.endpoint)}
                >
                  {current?.endpoint === c.endpoint ? t('settings.inUse') : t('settings.use')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('settings.noneDiscovered')}</p>
      )}

      <form
        className="address-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDismissed(null);
          use.mutate(address);
        }}
      >
        <label htmlFor={fieldId}>{t('settings.address')}</label>
        <div className="input-row">
          <input
            id={fieldId}
            type="text"
            className="mono"
            spellCheck={false}
            placeholder="unix:///var/run/docker.sock"
            value={address}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-err` : `${fieldId}-help`}
            onChange={(e) => setAddress(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={use.isPending}>
            {use.isPending && <Spinner size={14} />}
            {t('settings.connect')}
          </button>
        </div>
        {wantsTls && (
          <fieldset className="tls-fields">
            <legend>{t('settings.tls')}</legend>
            {(['ca', 'cert', 'key'] as const).map((file) => (
              <label key={file} className="tls-field">
                <span>
                  {t(file === 'ca' ? 'settings.tlsCa' : file === 'cert' ? 'settings.tlsCert' : 'settings.tlsKey')}
                </span>
                <input
                  type="text"
                  className="mono"
                  spellCheck={false}
                  placeholder={`/path/to/${file}.pem`}
                  value={tls[file]}
                  onChange={(e) => setTls({ ...tls, [file]: e.target.value })}
                />
              </label>
            ))}
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={tls.verify}
                onChange={(e) => setTls({ ...tls, verify: e.target.checked })}
              />
              {t('settings.tlsVerify')}
            </label>
            <p className="field-help">{t('settings.tlsHelp')}</p>
          </fieldset>
        )}
        {insecure && (
          <InsecureEndpointWarning
            endpoint={insecure.endpoint}
            host={insecure.host}
            busy={accept.isPending}
            onAccept={() => accept.mutate(insecure.endpoint)}
            onCancel={() => {
              setDismissed(insecure.endpoint);
              use.reset();
            }}
          />
        )}
        {accept.error && (
          <p className="field-error" role="alert">
            {localize(accept.error instanceof ApiError ? accept.error : new Error(String(accept.error))).message}
          </p>
        )}
        {shownError ? (
          <p id={`${fieldId}-err`} className="field-error" role="alert">
            {shownError.message}
            {shownError.detail && <span className="alert-detail">{shownError.detail}</span>}
            {shownError.hint && <span className="alert-hint">{shownError.hint}</span>}
          </p>
        ) : (
          <p id={`${fieldId}-help`} className="field-help">
            {t('settings.addressHelp')}
          </p>
        )}
      </form>

      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={use.isPending || (settings.data?.engine ?? null) === null}
          onClick={() => use.mutate(null)}
        >
          {t('settings.automatic')}
        </button>
        {settings.data?.engine && (
          <span className="muted small">
            {t('settings.chosen')} <code>{settings.data.engine}</code>
          </span>
        )}
      </div>
    </section>
  );
}

function PrivateEngineSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const status = useQuery({
    queryKey: engineKeys.embedded(),
    queryFn: () => client.request('engine.embeddedStatus', {}),
  });
  const settings = useRuntimeSettings();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: engineKeys.embedded() });
  const start = useMutation({
    mutationFn: (kind: EngineKind) =>
      client.request('engine.startEmbedded', { kind, keepRunning: settings.data?.keepEmbeddedEngine ?? false }),
    onSettled: refresh,
  });
  const stop = useMutation({
    mutationFn: () => client.request('engine.stopEmbedded', {}),
    onSettled: refresh,
  });
  const keep = useMutation({
    mutationFn: (keepEmbeddedEngine: boolean) => client.request('settings.update', { keepEmbeddedEngine }),
    onSuccess: (next) => queryClient.setQueryData(engineKeys.settings(), next),
  });

  const s = start.data ?? status.data ?? null;
  const running = s?.phase === 'running' || s?.phase === 'starting';
  const failure = start.error ?? stop.error;
  const localize = useLocalizeError();
  const shownFailure = s?.error ? localize(s.error) : failure ? localize(failure) : null;

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('settings.private')}</h2>
      <p className="muted small">{t('settings.privateExplain')}</p>
      <div className="current-engine">
        <span className="field-label">{t('settings.privateStatus')}</span>
        <span>
          {s ? t(`embedded.${s.phase}`) : t('embedded.stopped')}
          {s?.endpoint && <code> {s.endpoint}</code>}
        </span>
      </div>
      {s?.progress && s.phase === 'starting' && (
        <p className="notice" role="status">
          <Spinner size={14} />
          {s.progress}
        </p>
      )}
      <div className="button-row">
        {running ? (
          <button type="button" className="button" disabled={stop.isPending} onClick={() => stop.mutate()}>
            {stop.isPending && <Spinner size={14} />}
            {t('settings.stopPrivate')}
          </button>
        ) : (
          <>
            <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate('docker')}>
              {start.isPending && start.variables === 'docker' && <Spinner size={14} />}
              {t('settings.startDocker')}
            </button>
            <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate('podman')}>
              {start.isPending && start.variables === 'podman' && <Spinner size={14} />}
              {t('settings.startPodman')}
            </button>
          </>
        )}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.data?.keepEmbeddedEngine ?? false}
          disabled={!settings.data || keep.isPending}
          onChange={(e) => keep.mutate(e.target.checked)}
        />
        <span>
          {t('settings.keepRunning')}
          <span className="check-help">{t('settings.keepRunningHelp')}</span>
        </span>
      </label>
      {(s?.phase === 'error' || failure) && (
        <div className="result result-error" role="alert">
          <p>
            <strong>{t('welcome.startFailed')}</strong> {shownFailure?.message}
          </p>
          {shownFailure?.detail && <p className="alert-detail">{shownFailure.detail}</p>}
          {shownFailure?.hint && <p className="muted">{shownFailure.hint}</p>}
          {s && s.logTail.length > 0 && <pre className="log">{s.logTail.join('\n')}</pre>}
        </div>
      )}
    </section>
  );
}
