// Rename a container (docker rename): the new name checked by the engine's
// rule as it is typed, the command shown, the engine's refusal (a name in
// use) said in the form.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContainerName } from '../../../../runtime/domains/containers/contract';
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { CommandPreview } from '../../components/CommandPreview';
import { FormError } from '../../components/FormError';
import { useRunner } from '../../lib/useRunner';

export function RenameDialog({
  container,
  onDone,
}: {
  container: ContainerSummary;
  /** renamed: the engine took the new name. */
  onDone: (renamed?: boolean) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const [name, setName] = useState(container.name);
  const { busy, error, run } = useRunner();
  const trimmed = name.trim();
  const valid = ContainerName.safeParse(trimmed).success;
  const same = trimmed === container.name;
  const problem =
    trimmed === '' ? t('containerActions.rename.empty') : valid ? undefined : t('containerActions.rename.bad');

  const submit = async () => {
    if (!valid || same) return;
    const result = await run(async () => {
      const r = await client.request('containers.rename', { id: container.id, name: trimmed });
      return { ...r, commands: [r.command] };
    });
    if (result) onDone(true);
  };

  return (
    <ActionDialog
      title={t('containerActions.rename.title', { name: container.name })}
      onCancel={() => onDone()}
      action={busy ? t('containerActions.rename.running') : t('containerActions.rename.action')}
      onAction={() => void submit()}
      disabled={busy || !valid || same}
      formId={`${ids}-form`}
      busy={busy}
    >
      <p className="muted small">{t('containerActions.rename.explain')}</p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-name`}>
          {t('containerActions.rename.name')}
        </label>
        <input
          id={`${ids}-name`}
          type="text"
          className="mono"
          data-autofocus
          value={name}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== undefined || error !== null}
          aria-describedby={`${ids}-help${problem ? ` ${ids}-problem` : ''}`}
          onChange={(e) => setName(e.target.value)}
        />
        <span id={`${ids}-help`} className="check-help">
          {t('containerActions.rename.help')}
        </span>
        {problem && (
          <span id={`${ids}-problem`} className="field-error">
            {problem}
          </span>
        )}
      </div>
      <FormError error={error} />
      <CommandPreview
        command={dockerCommand('container.rename', { container: container.name, name: valid ? trimmed : '…' })}
      />
    </ActionDialog>
  );
}
