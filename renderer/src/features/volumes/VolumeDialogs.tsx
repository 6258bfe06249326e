// Per-volume dialogs: remove, clone, import. Each shows the commands it
// stands for before it runs (clone and import have no single docker command).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeUser } from '../../../../runtime/api/types';
import { useClient } from '../../api/ClientProvider';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDescribe, useRunner } from './useVolumeAction';

function Commands({ commands, failed }: { commands: string[] | undefined; failed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="command-preview">
      <span className="command-preview-label">{commands && commands.length > 1 ? t('volumeActions.commandsLabel') : t('common.commandLabel')}</span>
      <code className="command-lines">{commands?.join('\n') ?? (failed ? t('common.commandUnavailable') : '…')}</code>
    </div>
  );
}

export function RemoveVolumeDialog({ name, users, onDone }: { name: string; users: readonly VolumeUser[]; onDone(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const described = useDescribe({ action: 'remove', name });
  const { busy, error, run } = useRunner();
  const confirm = async () => {
    if (await run(() => client.request('volumes.remove', { name }))) onDone();
  };
  return (
    <Dialog
      title={t('volumeActions.removeTitle')}
      onCancel={onDone}
      footer={
        <>
          <button type="button" className="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-danger" data-autofocus disabled={busy} onClick={() => void confirm()}>
            {t('actions.remove')}
          </button>
        </>
      }
    >
      <p>{t('volumeActions.removeQuestion', { name })}</p>
      <p className="muted small">{t('volumeActions.removeExplain')}</p>
      {users.length > 0 && (
        <p className="notice">{t('volumeActions.removeInUse', { names: [...new Set(users.map((u) => u.name))].join(', ') })}</p>
      )}
      {error && <ErrorAlert title={t('volumeActions.removeFailed')} messages={[error]} />}
      <Commands commands={described.data?.commands} failed={described.isError} />
    </Dialog>
  );
}

export function CloneVolumeDialog({ from, onDone }: { from: string; onDone(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [to, setTo] = useState(`${from}-copy`);
  const valid = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(to);
  const described = useDescribe(valid ? { action: 'clone', from, to } : null);
  const { busy, error, run } = useRunner();
  const confirm = async () => {
    if (await run(() => client.request('volumes.clone', { from, to }))) onDone();
  };
  return (
    <Dialog
      title={t('volumeActions.cloneTitle', { name: from })}
      onCancel={onDone}
      footer={
        <>
          <button type="button" className="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="clone-volume" className="button button-primary" disabled={busy || !valid}>
            {busy ? t('volumeActions.cloning') : t('volumeActions.clone')}
          </button>
        </>
      }
    >
      <form
        id="clone-volume"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void confirm();
        }}
      >
        <label className="field">
          <span className="field-label">{t('volumeActions.cloneName')}</span>
          <input type="text" className="mono" data-autofocus value={to} aria-invalid={!valid} onChange={(e) => setTo(e.target.value)} />
          {!valid && <span className="field-error">{t('volumeActions.nameHelp')}</span>}
        </label>
        <p className="muted small">{t('volumeActions.cloneExplain')}</p>
        {error && <ErrorAlert title={t('volumeActions.failed')} messages={[error]} />}
        <Commands commands={described.data?.commands} failed={described.isError} />
      </form>
    </Dialog>
  );
}

export function ImportVolumeDialog({ name, onDone }: { name: string; onDone(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [file, setFile] = useState('');
  const absolute = file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
  const described = useDescribe({ action: 'import', name, ...(absolute ? { file } : {}) });
  const { busy, error, run } = useRunner();
  const confirm = async () => {
    if (await run(() => client.request('volumes.import', { name, file }))) onDone();
  };
  return (
    <Dialog
      title={t('volumeActions.importTitle', { name })}
      onCancel={onDone}
      footer={
        <>
          <button type="button" className="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="import-volume" className="button button-primary" disabled={busy || !absolute}>
            {busy ? t('volumeActions.importing') : t('volumeActions.import')}
          </button>
        </>
      }
    >
      <form
        id="import-volume"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (absolute) void confirm();
        }}
      >
        <label className="field">
          <span className="field-label">{t('volumeActions.importFile')}</span>
          <input type="text" className="mono" data-autofocus placeholder="/home/me/backup.tar" value={file} onChange={(e) => setFile(e.target.value)} />
          <span className="check-help">{t('volumeActions.importHelp')}</span>
        </label>
        {error && <ErrorAlert title={t('volumeActions.failed')} messages={[error]} />}
        <Commands commands={described.data?.commands} failed={described.isError} />
      </form>
    </Dialog>
  );
}
