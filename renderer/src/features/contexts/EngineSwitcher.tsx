// The top bar's engine indicator, which opens the engine switcher: every docker
// context and Podman connection, with its endpoint and whether it answers.
// Choosing one reconnects Wharf; the CLI's own choice changes only when asked.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineState } from '../../../../runtime/domains/engine/types';
import type { ContextKind, EngineContextItem } from '../../../../runtime/domains/contexts/types';
import { EngineStatus } from '../../components/EngineStatus';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Explainer } from '../../components/Explainer';
import { ChevronIcon, Spinner } from '../../components/Icons';
import { CliDefaultFooter } from './CliDefaultFooter';
import { ContextRow } from './ContextRow';
import { useRuntimeSettings } from '../engine/queries';
import { useAcceptInsecure, useContextList, useSwitchContext } from './queries';
import { InsecureEndpointWarning } from '../engine/InsecureEndpointWarning';
import { ApiError } from '../../../../runtime/api/errors';
import './contexts.css';

export function EngineSwitcher({ state }: { state: EngineState | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // The context Wharf was switched to, named beside the engine while its endpoint is the one in use.
  const settings = useRuntimeSettings().data;
  const connectedTo = state?.phase === 'connected' ? state.engine.endpoint : undefined;
  const context =
    settings?.engineContext && settings.engine !== null && settings.engine === connectedTo
      ? settings.engineContext.name
      : undefined;

  // Focus moves into it when it opens; a click outside closes it, and so does
  // Escape (focus then returns to the indicator).
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onDown = (e: MouseEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      // Focus inside, or nowhere (a button inside that just went away took it along).
      const focus = document.activeElement;
      if (e.key !== 'Escape' || !(focus === document.body || root.current?.contains(focus))) return;
      e.stopPropagation();
      setOpen(false);
      trigger.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className="engine-switcher" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="engine-switch"
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        aria-haspopup="dialog"
        data-testid="engine-switch"
        onClick={() => setOpen((o) => !o)}
      >
        <EngineStatus state={state} />
        {context && (
          <span className="pill engine-switch-context" data-testid="engine-context">
            {context}
          </span>
        )}
        <span className="visually-hidden">{t('contexts.open')}</span>
        <ChevronIcon size={14} className="engine-switch-chevron" />
      </button>
      {open && (
        <div
          ref={panel}
          id={`${id}-panel`}
          role="dialog"
          aria-labelledby={`${id}-title`}
          className="engine-popover"
          tabIndex={-1}
        >
          <SwitcherBody titleId={`${id}-title`} state={state} />
        </div>
      )}
    </div>
  );
}

function SwitcherBody({ titleId, state }: { titleId: string; state: EngineState | undefined }) {
  const { t } = useTranslation();
  const list = useContextList(true);
  const switcher = useSwitchContext();
  const phase = state?.phase;
  const endpoint = state?.phase === 'connected' ? state.engine.endpoint : undefined;
  const { refetch } = list;
  // The engine moved (a switch, a reconnect): whether each one answers and which is in use may have changed.
  useEffect(() => {
    void refetch();
  }, [phase, endpoint, refetch]);

  // Plain tcp:// to another machine: refused until the user accepts the risk for that endpoint, then switched to.
  const refused =
    switcher.error instanceof ApiError && switcher.error.key === 'engine.insecureNotAccepted'
      ? switcher.error.params
      : undefined;
  const insecure =
    refused?.endpoint && switcher.variables
      ? { endpoint: refused.endpoint, host: refused.host ?? '', ref: switcher.variables }
      : undefined;
  const accept = useAcceptInsecure((ref) => switcher.mutate(ref));

  const items = list.data?.items ?? [];
  const docker = items.filter((i) => i.kind === 'docker-context');
  const podman = items.filter((i) => i.kind === 'podman-connection');
  const selected = items.find((i) => i.chosen) ?? items.find((i) => i.inUse);

  return (
    <>
      <div className="engine-popover-head">
        <h2 id={titleId}>{t('contexts.title')}</h2>
        {list.isFetching && <Spinner size={14} />}
      </div>
      <Explainer title={t('contexts.whatTitle')}>
        <p>{t('contexts.whatDocker')}</p>
        <p>{t('contexts.whatPodman')}</p>
        <p>{t('contexts.whatWharf')}</p>
      </Explainer>
      {list.error && <ErrorAlert title={t('contexts.loadFailed')} messages={[list.error]} />}
      {insecure ? (
        <InsecureEndpointWarning
          endpoint={insecure.endpoint}
          host={insecure.host}
          busy={accept.isPending}
          onAccept={() => accept.mutate(insecure)}
          onCancel={() => switcher.reset()}
        />
      ) : (
        switcher.error && (
          <ErrorAlert
            title={t('contexts.switchFailed')}
            messages={[switcher.error]}
            onDismiss={() => switcher.reset()}
          />
        )
      )}
      {list.isPending ? (
        <p className="notice">
          <Spinner size={14} />
          {t('contexts.loading')}
        </p>
      ) : (
        <>
          <Section
            kind="docker-context"
            items={docker}
            override={list.data?.dockerOverride}
            busy={switcher.isPending ? switcher.variables : undefined}
            onUse={(item) => switcher.mutate({ kind: item.kind, name: item.name })}
          />
          <Section
            kind="podman-connection"
            items={podman}
            override={list.data?.podmanOverride}
            busy={switcher.isPending ? switcher.variables : undefined}
            onUse={(item) => switcher.mutate({ kind: item.kind, name: item.name })}
          />
          {selected && <CliDefaultFooter item={selected} />}
        </>
      )}
    </>
  );
}

interface SectionProps {
  kind: ContextKind;
  items: EngineContextItem[];
  override: string | undefined;
  busy: { kind: ContextKind; name: string } | undefined;
  onUse: (item: EngineContextItem) => void;
}

function Section({ kind, items, override, busy, onUse }: SectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const heading = kind === 'docker-context' ? t('contexts.dockerHeading') : t('contexts.podmanHeading');
  return (
    <section className="context-section" aria-labelledby={id}>
      <h3 id={id}>
        {heading}{' '}
        <code className="context-list-command">
          {kind === 'docker-context' ? 'docker context ls' : 'podman system connection list'}
        </code>
      </h3>
      {override && <p className="small muted">{t('contexts.override', { variable: override })}</p>}
      {items.length === 0 ? (
        <p className="small muted">{kind === 'docker-context' ? t('contexts.noDocker') : t('contexts.noPodman')}</p>
      ) : (
        <ul className="context-list" aria-label={heading}>
          {items.map((item) => (
            <ContextRow
              key={item.name}
              item={item}
              busy={busy?.kind === item.kind && busy.name === item.name}
              disabled={busy !== undefined}
              onUse={() => onUse(item)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
