// Pull and push, followed live, cancellable. The registry's refusals come in
// plain words (not found, not logged in, cannot be reached).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { imageKeys, registryKeys } from './queries';
import { CommandPreview } from '../../components/CommandPreview';
import { registryOf } from './image-refs';
import { TransferProgress } from './TransferProgress';
import { useImageDescribe } from './useImageAction';
import { useTransfer, type TransferState } from './useTransfer';

const REF = /^[a-zA-Z0-9][a-zA-Z0-9_.\-/:@]*$/;

export function useRegistryLogins() {
  const client = useClient();
  return useQuery({
    queryKey: registryKeys.list(),
    queryFn: () => client.request('registry.list', {}),
    staleTime: 10_000,
  });
}

function Outcome({ state, direction }: { state: TransferState; direction: 'pull' | 'push' }) {
  const { t } = useTranslation();
  if (state.phase === 'done') {
    return (
      <p className="notice notice-ok" role="status">
        {t(direction === 'pull' ? 'transfer.pulled' : 'transfer.pushed', { image: state.image })}
      </p>
    );
  }
  if (state.phase === 'cancelled') {
    return (
      <p className="notice" role="status">
        {t('transfer.cancelled')}
      </p>
    );
  }
  if (state.phase === 'failed' && state.error) {
    return (
      <ErrorAlert
        title={t(direction === 'pull' ? 'transfer.pullFailed' : 'transfer.pushFailed')}
        messages={[state.error]}
      />
    );
  }
  return null;
}

function Footer({
  state,
  ready,
  label,
  onStart,
  onCancel,
  onClose,
}: {
  state: TransferState;
  ready: boolean;
  label: string;
  onStart: () => void;
  onCancel: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  if (state.phase === 'running') {
    return (
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={onClose}>
        {state.phase === 'idle' ? t('common.cancel') : t('transfer.close')}
      </button>
      <button type="button" className="button button-primary" disabled={!ready} onClick={onStart}>
        {label}
      </button>
    </>
  );
}

export function PullDialog({ initial = '', onDone }: { initial?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [image, setImage] = useState(initial);
  const ref = image.trim();
  const valid = ref.length > 0 && ref.length <= 512 && REF.test(ref);
  const described = useImageDescribe({ action: 'pull', image: valid ? ref : 'IMAGE' });
  const { state, start, cancel } = useTransfer('pull');
  const running = state.phase === 'running';
  const close = () => {
    cancel();
    void queryClient.invalidateQueries({ queryKey: imageKeys.list() });
    onDone();
  };
  return (
    <Dialog
      title={t('transfer.pullTitle')}
      onCancel={running ? cancel : close}
      footer={
        <Footer
          state={state}
          ready={valid}
          label={state.phase === 'idle' ? t('transfer.pull') : t('transfer.pullAgain')}
          onStart={() => valid && start(ref)}
          onCancel={cancel}
          onClose={close}
        />
      }
    >
      <form
        id="transfer-form"
        className="form-grid transfer-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !running) start(ref);
        }}
      >
        <label className="field">
          <span className="field-label">{t('transfer.image')}</span>
          <input
            type="text"
            className="mono"
            data-autofocus
            spellCheck={false}
            autoCapitalize="off"
            placeholder="busybox:latest"
            value={image}
            disabled={running}
            aria-invalid={image !== '' && !valid}
            onChange={(e) => setImage(e.target.value)}
          />
          <span className="check-help">{t('transfer.imageHelp')}</span>
        </label>
        <CommandPreview command={state.command ?? described.data?.command} failed={described.isError} />
        {state.phase !== 'idle' && <TransferProgress state={state} />}
        <Outcome state={state} direction="pull" />
      </form>
    </Dialog>
  );
}

export function PushDialog({ image, onDone }: { image: string; onDone: () => void }) {
  const { t } = useTranslation();
  const described = useImageDescribe({ action: 'push', image });
  const logins = useRegistryLogins().data;
  const registry = registryOf(image);
  const login = logins?.find((l) => l.registry === registry);
  const { state, start, cancel } = useTransfer('push');
  const running = state.phase === 'running';
  const close = () => {
    cancel();
    onDone();
  };
  return (
    <Dialog
      title={t('transfer.pushTitle')}
      onCancel={running ? cancel : close}
      footer={
        <Footer
          state={state}
          ready={state.phase !== 'done'}
          label={t('transfer.push')}
          onStart={() => start(image)}
          onCancel={cancel}
          onClose={close}
        />
      }
    >
      <form id="transfer-form" className="form-grid transfer-dialog" onSubmit={(e) => e.preventDefault()}>
        <p>{t('transfer.pushQuestion', { image, registry })}</p>
        {registry === 'docker.io' && <p className="notice">{t('transfer.pushNeedsRegistry')}</p>}
        {logins !== undefined && (
          <p className="muted small" data-testid="push-login">
            {login
              ? t('transfer.withLogin', { registry, username: login.username })
              : t('transfer.noLogin', { registry })}
          </p>
        )}
        <CommandPreview command={state.command ?? described.data?.command} failed={described.isError} />
        {state.phase !== 'idle' && <TransferProgress state={state} />}
        <Outcome state={state} direction="push" />
      </form>
    </Dialog>
  );
}
