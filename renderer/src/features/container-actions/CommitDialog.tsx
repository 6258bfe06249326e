// Commit a container to an image (docker commit): the image's name, a
// message, an author, and Dockerfile instructions that change its settings
// (--change 'CMD …'). Checked with the contract's schema as it is typed.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMIT_INSTRUCTIONS, CommitInput } from '../../../../runtime/domains/containers/contract';
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { CommandPreview } from '../../components/CommandPreview';
import { FormError } from '../../components/FormError';
import { Explainer } from '../../components/Explainer';
import { useRunner } from '../../lib/useRunner';

export function CommitDialog({
  container,
  onDone,
}: {
  container: ContainerSummary;
  /** The image's name once committed; nothing when cancelled. */
  onDone: (image?: string) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const [image, setImage] = useState(`${container.name.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}-snapshot:latest`);
  const [message, setMessage] = useState('');
  const [author, setAuthor] = useState('');
  const [changes, setChanges] = useState('');
  const [pause, setPause] = useState(true);
  const { busy, error, run } = useRunner();

  const lines = changes
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const fields = {
    id: container.id,
    ...(image.trim() !== '' ? { image: image.trim() } : {}),
    ...(message.trim() !== '' ? { message: message.trim() } : {}),
    ...(author.trim() !== '' ? { author: author.trim() } : {}),
    changes: lines,
    pause,
  };
  const parsed = CommitInput.safeParse(fields);
  const badImage = !parsed.success && parsed.error.issues.some((i) => i.path[0] === 'image');
  const badChanges = parsed.success
    ? []
    : [
        ...new Set(
          parsed.error.issues.filter((i) => i.path[0] === 'changes').map((i) => lines[Number(i.path[1])] ?? ''),
        ),
      ];

  const submit = async () => {
    if (!parsed.success) return;
    const result = await run(async () => {
      const r = await client.request('containers.commit', fields);
      return { ...r, commands: [r.command] };
    });
    if (result) onDone(fields.image ?? result.imageId);
  };

  return (
    <ActionDialog
      title={t('containerActions.commit.title', { name: container.name })}
      onCancel={() => onDone()}
      action={busy ? t('containerActions.commit.running') : t('containerActions.commit.action')}
      onAction={() => void submit()}
      disabled={busy || !parsed.success}
      formId={`${ids}-form`}
      busy={busy}
    >
      <p className="muted small">{t('containerActions.commit.explain')}</p>
      <Explainer title={t('containerActions.commit.whenTitle')}>
        <p>{t('containerActions.commit.when')}</p>
      </Explainer>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-image`}>
          {t('containerActions.commit.image')}
        </label>
        <input
          id={`${ids}-image`}
          type="text"
          className="mono"
          data-autofocus
          spellCheck={false}
          value={image}
          aria-invalid={badImage}
          aria-describedby={`${ids}-image-help`}
          onChange={(e) => setImage(e.target.value)}
        />
        <span id={`${ids}-image-help`} className={badImage ? 'field-error' : 'check-help'}>
          {badImage ? t('containerActions.commit.imageBad') : t('containerActions.commit.imageHelp')}
        </span>
      </div>
      <label className="field">
        <span className="field-label">{t('containerActions.commit.message')}</span>
        <input type="text" value={message} onChange={(e) => setMessage(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('containerActions.commit.author')}</span>
        <input
          type="text"
          value={author}
          placeholder={t('containerActions.commit.authorPlaceholder')}
          onChange={(e) => setAuthor(e.target.value)}
        />
      </label>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-changes`}>
          {t('containerActions.commit.changes')}
        </label>
        <textarea
          id={`${ids}-changes`}
          className="mono"
          rows={3}
          spellCheck={false}
          value={changes}
          placeholder={'CMD ["sh"]\nENV MODE=production'}
          aria-invalid={badChanges.length > 0}
          aria-describedby={`${ids}-changes-help`}
          onChange={(e) => setChanges(e.target.value)}
        />
        <span id={`${ids}-changes-help`} className={badChanges.length > 0 ? 'field-error' : 'check-help'}>
          {badChanges.length > 0
            ? t('containerActions.commit.changeBad', { line: badChanges[0], allowed: COMMIT_INSTRUCTIONS.join(', ') })
            : t('containerActions.commit.changesHelp', { allowed: COMMIT_INSTRUCTIONS.join(', ') })}
        </span>
      </div>
      <label className="check">
        <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} />
        <span>
          {t('containerActions.commit.pause')}
          <span className="check-help">{t('containerActions.commit.pauseHelp')}</span>
        </span>
      </label>
      <FormError error={error} />
      <CommandPreview
        command={dockerCommand('container.commit', {
          container: container.name,
          ...(fields.image !== undefined ? { image: fields.image } : {}),
          ...(fields.message !== undefined ? { message: fields.message } : {}),
          ...(fields.author !== undefined ? { author: fields.author } : {}),
          changes: lines,
          pause,
        })}
      />
    </ActionDialog>
  );
}
