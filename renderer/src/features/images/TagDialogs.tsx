// Tag (docker tag: one more name for the same image) and untag (docker rmi
// of one name: the image stays while it has another).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { imageKeys } from './queries';
import { CommandPreview } from '../../components/CommandPreview';
import { isValidTag } from './image-refs';
import { useImageDescribe, useImageRunner } from './useImageAction';

export function TagDialog({ source, onDone }: { source: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState('');
  const valid = isValidTag(target.trim());
  const described = useImageDescribe({ action: 'tag', source, target: valid ? target.trim() : 'name:tag' });
  const { busy, errors, run } = useImageRunner();
  const confirm = async () => {
    if (!valid) return;
    if (await run(() => client.request('images.tag', { source, target: target.trim() }))) {
      await queryClient.invalidateQueries({ queryKey: imageKeys.list() });
      onDone();
    }
  };
  return (
    <ActionDialog
      title={t('imageActions.tagTitle')}
      onCancel={onDone}
      action={t('imageActions.tag')}
      onAction={() => void confirm()}
      disabled={busy || !valid}
      formId="tag-image"
    >
      <p>{t('imageActions.tagQuestion', { image: source })}</p>
      <label className="field">
        <span className="field-label">{t('imageActions.newTag')}</span>
        <input
          type="text"
          className="mono"
          data-autofocus
          spellCheck={false}
          autoCapitalize="off"
          placeholder="127.0.0.1:5000/team/app:1.0"
          value={target}
          aria-invalid={target !== '' && !valid}
          onChange={(e) => setTarget(e.target.value)}
        />
        {target !== '' && !valid && <span className="field-error">{t('imageActions.tagRule')}</span>}
      </label>
      <p className="muted small">{t('imageActions.tagExplain')}</p>
      {errors.length > 0 && <ErrorAlert title={t('imageActions.tagFailed')} messages={errors} />}
      <CommandPreview command={described.data?.command} failed={described.isError} />
    </ActionDialog>
  );
}

export function UntagDialog({
  name,
  otherNames,
  onDone,
}: {
  name: string;
  otherNames: readonly string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const described = useImageDescribe({ action: 'remove', image: name });
  const { busy, errors, run } = useImageRunner();
  const confirm = async () => {
    if (await run(() => client.request('images.untag', { ref: name }))) onDone();
  };
  return (
    <ActionDialog
      title={t('imageActions.untagTitle')}
      onCancel={onDone}
      action={t('imageActions.untag')}
      onAction={() => void confirm()}
      disabled={busy}
      tone="danger"
    >
      <p>{t('imageActions.untagQuestion', { name })}</p>
      <p className="muted small">
        {otherNames.length > 0
          ? t('imageActions.untagKeeps', { names: otherNames.join(', ') })
          : t('imageActions.untagLast')}
      </p>
      {errors.length > 0 && <ErrorAlert title={t('imageActions.untagFailed')} messages={errors} />}
      <CommandPreview command={described.data?.command} failed={described.isError} />
    </ActionDialog>
  );
}
