import { useTranslation } from 'react-i18next';
import type { EngineInfo, EngineState } from '../../../runtime/domains/engine/types';
import { useLocalizeError } from '../lib/useLocalizeError';
import { Spinner } from './Icons';

export function engineName(engine: EngineInfo): string {
  const product = engine.kind === 'podman' ? 'Podman' : 'Docker';
  return `${product} ${engine.version} · API ${engine.apiVersion}`;
}

/** Which engine, where, and whether it answers: always visible in the top bar. */
export function EngineStatus({ state }: { state: EngineState | undefined }) {
  const { t } = useTranslation();
  const phase = state?.phase ?? 'connecting';
  let tone = 'grey';
  let main: string;
  let detail: string | undefined;
  let busy = false;
  let embedded = false;

  switch (state?.phase) {
    case undefined:
      main = t('engine.connecting');
      busy = true;
      break;
    case 'connecting':
      main = t('engine.connecting');
      detail = state.endpoint;
      busy = true;
      break;
    case 'connected':
      tone = 'green';
      main = engineName(state.engine);
      detail = state.engine.endpoint;
      embedded = state.engine.embedded;
      break;
    case 'reconnecting':
      tone = 'amber';
      main = state.engine
        ? `${engineName(state.engine)} · ${t('engine.reconnecting', { attempt: state.attempt })}`
        : t('engine.reconnecting', { attempt: state.attempt });
      detail = state.endpoint;
      busy = true;
      break;
    case 'error':
      tone = 'red';
      main = t('engine.error');
      detail = state.endpoint;
      break;
    case 'no-engine':
      main = t('engine.none');
      break;
    case 'starting-embedded':
      main = t('engine.startingEmbedded');
      detail = state.embedded.progress;
      busy = true;
      break;
    case 'vm':
      main = `${t('vm.short')} · ${t(`vm.phase.${state.vm.phase}`)}`;
      detail = state.vm.progress;
      busy = ['preparing', 'booting', 'waiting-engine', 'stopping'].includes(state.vm.phase);
      tone = state.vm.phase === 'error' ? 'red' : 'grey';
      break;
  }

  return (
    <span className="engine-status" data-testid="engine-status" data-phase={phase} role="status">
      {busy ? <Spinner size={12} /> : <span className={`status-dot dot-${tone}`} aria-hidden="true" />}
      <span className="engine-status-main">{main}</span>
      {detail && <code className="engine-status-endpoint">{detail}</code>}
      {embedded && <span className="pill">{t('engine.private')}</span>}
    </span>
  );
}

/** What is wrong with the engine connection and what to do, above the page. */
export function EngineBanner({ state }: { state: EngineState | undefined }) {
  const { t } = useTranslation();
  const localize = useLocalizeError();
  if (state?.phase === 'reconnecting') {
    return (
      <div className="banner banner-amber" role="status">
        <Spinner size={14} />
        <div>
          <strong>{t('engine.lostTitle', { attempt: state.attempt })}</strong>
          <span className="banner-detail">{state.reason}</span>
        </div>
      </div>
    );
  }
  if (state?.phase === 'error') {
    const shown = localize(state.error);
    return (
      <div className="banner banner-red" role="alert">
        <div>
          <strong>{shown.message}</strong>
          {shown.detail && <span className="banner-detail mono">{shown.detail}</span>}
          <span className="banner-detail">{shown.hint ?? t('engine.errorHint')}</span>
        </div>
        <a className="button button-small" href="#/settings">
          {t('engine.openSettings')}
        </a>
      </div>
    );
  }
  return null;
}
