// Shown when no engine is found: what it means, what to install, and a way
// to start a private engine. Wharf keeps looking, so this screen goes away on
// its own once an engine answers.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EmbeddedEngineStatus, EngineKind, EngineState } from '../../../../runtime/domains/engine/types';
import { ApiError } from '../../../../runtime/api/errors';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { engineKeys } from './queries';
import { EngineIcon, Spinner } from '../../components/Icons';
import { VmPanel } from '../vm/VmPanel';
import { useVmStatus } from '../vm/useVmStatus';
import './welcome.css';

type NoEngine = Extract<EngineState, { phase: 'no-engine' }>;
type Installable = 'docker.io' | 'podman';

function installCommand(platform: NoEngine['platform'], pkg: string): string {
  if (platform === 'linux') return `sudo apt-get install ${pkg}`;
  if (platform === 'darwin') return `brew install ${pkg}`;
  if (platform === 'win32') return `winget install ${pkg}`;
  return pkg;
}

const isInstallable = (p: string): p is Installable => p === 'docker.io' || p === 'podman';

export function WelcomeScreen({ state }: { state: EngineState }) {
  const { t } = useTranslation();
  const client = useClient();
  const install = useMutation({
    mutationFn: (pkg: Installable) => client.request('engine.install', { package: pkg }),
  });
  const start = useMutation({
    mutationFn: (kind: EngineKind) => client.request('engine.startEmbedded', { kind }),
  });

  const starting = state.phase === 'starting-embedded' ? state.embedded : null;
  const vmState = state.phase === 'vm' ? state : null;
  const vmStatus = useVmStatus();
  const noEngine = state.phase === 'no-engine' ? state : null;
  const installed = noEngine?.installed ?? {};
  const kinds: EngineKind[] = [
    ...(installed.dockerd ? (['docker'] as const) : []),
    ...(installed.podman ? (['podman'] as const) : []),
  ];
  const startError = start.error instanceof ApiError ? start.error : null;
  // A refused start carries no log: ask for the engine's status to show it.
  const afterError = useQuery({
    queryKey: engineKeys.embedded(),
    queryFn: () => client.request('engine.embeddedStatus', {}),
    enabled: startError !== null,
  });
  const failedStart: EmbeddedEngineStatus | null =
    start.data?.phase === 'error' ? start.data : afterError.data?.phase === 'error' ? afterError.data : null;
  const localize = useLocalizeError();
  const startFailure = failedStart?.error ?? startError;
  const shownStartError = startFailure ? localize(startFailure) : null;

  return (
    <section className="page welcome" aria-labelledby="welcome-title">
      <div className="welcome-card">
        <div className="welcome-icon">
          <EngineIcon size={28} />
        </div>
        <h1 id="welcome-title">{vmState ? t('vm.welcomeHeading') : t('welcome.title')}</h1>
        <p className="welcome-lead">{vmState ? t('vm.explain') : t('welcome.lead')}</p>
        <p className="muted">{t('welcome.engineExplain')}</p>

        {vmState ? (
          <div className="welcome-step">
            <VmPanel status={vmStatus ?? vmState.vm} />
          </div>
        ) : starting ? (
          <div className="progress-box" role="status">
            <Spinner size={16} />
            <div>
              <strong>{t('welcome.starting', { kind: starting.kind === 'podman' ? 'Podman' : 'Docker' })}</strong>
              {starting.progress && <span className="banner-detail">{starting.progress}</span>}
            </div>
          </div>
        ) : (
          <>
            {kinds.length > 0 && (
              <div className="welcome-step">
                <h2>{t('welcome.installedTitle')}</h2>
                <p className="muted">{t('welcome.installedText')}</p>
                <div className="button-row">
                  {kinds.map((kind, i) => (
                    <button
                      key={kind}
                      type="button"
                      className={i === 0 ? 'button button-primary' : 'button'}
                      disabled={start.isPending}
                      onClick={() => start.mutate(kind)}
                    >
                      {start.isPending && start.variables === kind && <Spinner size={14} />}
                      {i === 0 ? t('welcome.startPrivate') : t('welcome.startPrivatePodman')}
                    </button>
                  ))}
                </div>
              </div>
            )}

            {noEngine && noEngine.suggestedPackages.length > 0 && (
              <div className="welcome-step">
                <h2>{t('welcome.installTitle')}</h2>
                <p className="muted">{t('welcome.installText')}</p>
                <ul className="command-list">
                  {noEngine.suggestedPackages.map((pkg) => (
                    <li key={pkg}>
                      <code>{installCommand(noEngine.platform, pkg)}</code>
                    </li>
                  ))}
                </ul>
                {noEngine.canInstall && (
                  <div className="button-row">
                    {noEngine.suggestedPackages.filter(isInstallable).map((pkg) => (
                      <button
                        key={pkg}
                        type="button"
                        className="button"
                        disabled={install.isPending}
                        onClick={() => install.mutate(pkg)}
                      >
                        {install.isPending && install.variables === pkg && <Spinner size={14} />}
                        {pkg === 'podman' ? t('welcome.installPodman') : t('welcome.installDocker')}
                      </button>
                    ))}
                  </div>
                )}
                {install.isPending && (
                  <p className="notice" role="status">
                    <Spinner size={14} />
                    {t('welcome.installing')}
                  </p>
                )}
              </div>
            )}
          </>
        )}

        {install.data && (
          <div
            className={install.data.ok ? 'result result-ok' : 'result result-error'}
            role={install.data.ok ? 'status' : 'alert'}
          >
            <p>
              {install.data.ok ? t('welcome.installOk') : t('welcome.installFailed')}{' '}
              <code>{install.data.command}</code>
            </p>
            {install.data.key === 'install.unsupported' ? (
              <p>{t('apiErrors.install.unsupported')}</p>
            ) : (
              install.data.output && <pre className="log">{install.data.output}</pre>
            )}
          </div>
        )}
        {install.error && (
          <ErrorAlert title={t('welcome.installFailed')} messages={[install.error]} onDismiss={() => install.reset()} />
        )}
        {(failedStart || startError) && (
          <div className="result result-error" role="alert">
            <p>
              <strong>{t('welcome.startFailed')}</strong> {shownStartError?.message}
            </p>
            {shownStartError?.detail && <p className="alert-detail">{shownStartError.detail}</p>}
            {shownStartError?.hint && <p className="muted">{shownStartError.hint}</p>}
            {failedStart && failedStart.logTail.length > 0 && (
              <>
                <p className="small muted">{t('welcome.logTail')}</p>
                <pre className="log">{failedStart.logTail.join('\n')}</pre>
              </>
            )}
          </div>
        )}

        <p className="welcome-foot">
          <span className="pulse" aria-hidden="true" />
          {t('welcome.watching')} <a href="#/settings">{t('welcome.haveAddress')}</a>
        </p>
      </div>
    </section>
  );
}
