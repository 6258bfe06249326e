// Small dialogs of the file browser: a name (new folder, new file, rename)
// and the delete confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../../../runtime/domains/files/types';
import { ActionDialog } from '../../components/ActionDialog';

export function NameDialog({
  title,
  label,
  initial,
  confirm,
  onConfirm,
  onCancel,
}: {
  title: string;
  label: string;
  initial: string;
  confirm: string;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const problem = name.includes('/')
    ? t('files.nameSlash')
    : name === '.' || name === '..'
      ? t('files.nameDots')
      : null;
  const ok = name.trim() !== '' && problem === null;
  return (
    <ActionDialog
      title={title}
      onCancel={onCancel}
      action={confirm}
      onAction={() => {
        if (ok) onConfirm(name);
      }}
      disabled={!ok}
      formId="file-name-form"
    >
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          type="text"
          className="mono"
          value={name}
          data-autofocus
          aria-invalid={problem !== null}
          onChange={(e) => setName(e.target.value)}
        />
        {problem && <span className="field-error">{problem}</span>}
      </label>
    </ActionDialog>
  );
}

export function DeleteDialog({
  entry,
  note,
  onConfirm,
  onCancel,
}: {
  entry: FileEntry;
  /** How this delete is done, when it is not the usual way (a stopped container). */
  note?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ActionDialog
      title={entry.type === 'dir' ? t('files.deleteFolderTitle') : t('files.deleteFileTitle')}
      onCancel={onCancel}
      action={t('files.delete')}
      onAction={onConfirm}
      tone="danger"
    >
      <p>
        {entry.type === 'dir'
          ? t('files.deleteFolderQuestion', { name: entry.name })
          : t('files.deleteFileQuestion', { name: entry.name })}
      </p>
      <p className="muted small">{t('files.deleteExplain')}</p>
      {note !== undefined && (
        <p className="muted small" data-testid="delete-note">
          {note}
        </p>
      )}
    </ActionDialog>
  );
}
