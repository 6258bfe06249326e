// Remove one or several images (docker rmi). An image a container was made
// from is explained before anything happens; the engine's refusal is shown as
// it comes, and force is offered.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { shortId } from '../../lib/format';
import { pushCommands, toErrorLike } from '../files/useFileActions';
import { CommandPreview } from '../../components/CommandPreview';
import type { ShownError } from './useImageAction';
import { TargetList } from '../../components/TargetList';

export interface ImageTarget {
  id: string;
  names: string[];
  /** Containers made from it, by name. */
  users: string[];
}

/** How an image is named on the command line: its only name, else its short id. */
const argOf = (image: ImageTarget) => (image.names.length === 1 ? image.names[0]! : shortId(image.id));

export function RemoveImagesDialog({
  images,
  onDone,
}: {
  images: readonly ImageTarget[];
  onDone: (removed: boolean) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const inUse = images.filter((i) => i.users.length > 0);

  /** One image with every name it has; the runtime refuses (naming the containers) while one uses it. */
  const removeOne = async (image: ImageTarget) => {
    if (force || image.names.length <= 1 || image.users.length > 0) {
      const result = await client.request('images.remove', { image: argOf(image), ...(force ? { force } : {}) });
      pushCommands([result.command]);
      return;
    }
    // Several names and no user: each name goes, the image with the last one.
    for (const name of image.names) pushCommands([(await client.request('images.untag', { ref: name })).command]);
  };

  const confirm = async () => {
    setBusy(true);
    setErrors([]);
    const failed: ShownError[] = [];
    for (const image of images) {
      try {
        await removeOne(image);
      } catch (e) {
        failed.push({ ...toErrorLike(e), name: image.names[0] ?? shortId(image.id) });
      }
    }
    setBusy(false);
    if (failed.length === 0) onDone(true);
    else setErrors(failed);
  };

  return (
    <ActionDialog
      title={
        images.length === 1
          ? t('imageActions.removeTitle')
          : t('imageActions.removeTitleMany', { count: images.length })
      }
      onCancel={() => onDone(false)}
      action={busy ? t('busy.remove') : t('actions.remove')}
      onAction={() => void confirm()}
      disabled={busy}
      tone="danger"
    >
      <TargetList label={t('imageActions.removeList')}>
        {images.map((image) => (
          <li key={image.id} className="mono">
            {image.names.length > 0 ? image.names.join(', ') : t('imageActions.untaggedId', { id: shortId(image.id) })}
          </li>
        ))}
      </TargetList>
      <p className="muted small">{t('imageActions.removeExplain')}</p>
      {inUse.map((image) => (
        <p key={image.id} className="notice" data-testid="image-in-use">
          {t('imageActions.inUse', {
            image: image.names[0] ?? shortId(image.id),
            containers: image.users.join(', '),
            count: image.users.length,
          })}
        </p>
      ))}
      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        <span>
          {t('imageActions.force')}
          <span className="check-help">{t('imageActions.forceHelp')}</span>
        </span>
      </label>
      {errors.length > 0 && <ErrorAlert title={t('imageActions.removeFailed')} messages={errors} />}
      <CommandPreview
        command={dockerCommand('image.rmi', {
          images: images.flatMap((i) => (!force && i.users.length === 0 && i.names.length > 1 ? i.names : [argOf(i)])),
          force,
        })}
      />
    </ActionDialog>
  );
}
