// Create a volume: name, driver, driver options and labels; the command
// updates as the form changes, and the runtime's refusal shows in the form.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { KeyValueRows, toRecord, type Pair } from './KeyValueRows';
import { useRunner } from '../../lib/useRunner';
import { useDescribe } from './useVolumeAction';

export function CreateVolumeDialog({ onDone }: { onDone: (name?: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const localize = useLocalizeError();
  const formId = useId();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState<Pair[]>([]);
  const [labels, setLabels] = useState<Pair[]>([]);
  const { busy, error, run } = useRunner();

  const input = {
    ...(name.trim() !== '' ? { name: name.trim() } : {}),
    ...(driver.trim() !== '' && driver.trim() !== 'local' ? { driver: driver.trim() } : {}),
    ...(toRecord(options) ? { driverOptions: toRecord(options)! } : {}),
    ...(toRecord(labels) ? { labels: toRecord(labels)! } : {}),
  };
  const described = useDescribe({ action: 'create', ...input });

  const submit = async () => {
    const result = await run(() => client.request('volumes.create', input));
    if (result) onDone(result.volume?.name);
  };

  return (
    <ActionDialog
      title={t('volumeActions.createTitle')}
      onCancel={() => onDone()}
      action={busy ? t('volumeActions.creating') : t('volumeActions.create')}
      onAction={() => void submit()}
      disabled={busy}
      formId="create-volume"
    >
      <div className="field">
        <label className="field-label" htmlFor={`${formId}-name`}>
          {t('volumeActions.name')}
        </label>
        <input
          id={`${formId}-name`}
          type="text"
          className="mono"
          data-autofocus
          value={name}
          placeholder={t('volumeActions.namePlaceholder')}
          aria-describedby={`${formId}-help`}
          aria-invalid={error?.code === 'invalid-input'}
          onChange={(e) => setName(e.target.value)}
        />
        <span id={`${formId}-help`} className="check-help">
          {t('volumeActions.nameHelp')}
        </span>
      </div>
      <label className="field">
        <span className="field-label">{t('volumeActions.driver')}</span>
        <input type="text" className="mono" value={driver} onChange={(e) => setDriver(e.target.value)} />
      </label>
      <KeyValueRows legend={t('volumeActions.driverOptions')} pairs={options} onChange={setOptions} />
      <KeyValueRows legend={t('volumeActions.labels')} pairs={labels} onChange={setLabels} />
      {error && (
        <p className="field-error" role="alert">
          {localize(error).message}
          {error.hint && <span className="alert-hint"> {error.hint}</span>}
        </p>
      )}
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <code>{described.data?.commands.join('\n') ?? (described.error ? t('common.commandUnavailable') : '…')}</code>
      </div>
    </ActionDialog>
  );
}
