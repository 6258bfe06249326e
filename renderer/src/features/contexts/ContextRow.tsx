// One docker context or Podman connection in the engine switcher: its name,
// endpoint, whether it answers, which one the CLI and Wharf use, and a button
// to switch Wharf to it.
import { useTranslation } from 'react-i18next';
import type { EngineContextItem } from '../../../../runtime/domains/contexts/types';
import { Spinner } from '../../components/Icons';

interface Props {
  item: EngineContextItem;
  /** This one is being switched to. */
  busy: boolean;
  /** Some switch is under way. */
  disabled: boolean;
  onUse: () => void;
}

export function ContextRow({ item, busy, disabled, onUse }: Props) {
  const { t } = useTranslation();
  const what =
    item.kind === 'docker-context'
      ? t('contexts.dockerNamed', { name: item.name })
      : t('contexts.podmanNamed', { name: item.name });
  const answer =
    item.unencrypted?.accepted === false
      ? { text: t('contexts.unencrypted'), tone: 'pill-unencrypted' }
      : item.reachable
        ? { text: t('contexts.answers'), tone: 'pill-green' }
        : { text: t('contexts.noAnswer'), tone: '' };
  return (
    <li
      className={`context-row${item.inUse ? ' context-row-current' : ''}`}
      aria-current={item.inUse ? 'true' : undefined}
      data-testid="context-row"
      data-kind={item.kind}
      data-name={item.name}
    >
      <span className={`status-dot ${item.reachable ? 'dot-green' : 'dot-grey'}`} aria-hidden="true" />
      <div className="context-text">
        <span className="context-name">
          <strong>{item.name}</strong>
          {item.inUse && <span className="pill pill-accent">{t('contexts.inUse')}</span>}
          {item.cliCurrent && (
            <span className="pill" title={t('contexts.cliCurrentTitle')}>
              {t('contexts.cliCurrent')}
            </span>
          )}
          {item.isMachine && <span className="pill">{t('contexts.machine')}</span>}
          {item.tls && <span className="pill">TLS</span>}
        </span>
        <code className="secondary context-endpoint">{item.endpoint}</code>
        {item.description && <span className="small muted">{item.description}</span>}
        {item.identity && (
          <span className="small muted">
            {t('contexts.identity')} <code>{item.identity}</code>
          </span>
        )}
      </div>
      <span className={`pill ${answer.tone}`}>{answer.text}</span>
      <button
        type="button"
        className="button button-small"
        disabled={disabled || item.inUse}
        aria-label={item.inUse ? t('contexts.inUseThis', { what }) : t('contexts.useThis', { what })}
        onClick={onUse}
      >
        {busy && <Spinner size={12} />}
        {item.inUse ? t('contexts.inUse') : t('contexts.use')}
      </button>
    </li>
  );
}
