// "Down": stop and remove a project's containers and networks; its volumes
// and images only when asked, each choice explained, the command shown.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../components/ActionDialog';
import { CommandBox } from '../../components/CommandLine';
import { composeCommand, type ComposeCommandTarget, type ComposeOp } from './compose-command';
import { useComposeTool } from './queries';

interface Props {
  target: ComposeCommandTarget;
  onCancel: () => void;
  onConfirm: (op: ComposeOp) => void;
}

export function DownDialog({ target: given, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  // The dialog may open before the tool's status is read: it reads it and names the tool once known.
  const kind = useComposeTool().data?.tool?.kind;
  const target = kind ? { ...given, tool: kind } : given;
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [removeImages, setRemoveImages] = useState(false);
  const op: ComposeOp = { kind: 'down', removeVolumes, removeImages: removeImages ? 'all' : 'none' };
  return (
    <ActionDialog
      title={t('compose.down.title', { project: target.project })}
      onCancel={onCancel}
      action={t('compose.actions.down')}
      onAction={() => onConfirm(op)}
      tone="danger"
    >
      <p>{t('compose.down.question', { project: target.project })}</p>
      <p className="muted small">{t('compose.down.explain', { project: target.project })}</p>
      <label className="check">
        <input type="checkbox" checked={removeVolumes} onChange={(e) => setRemoveVolumes(e.target.checked)} />
        <span>
          {t('compose.down.volumes')}
          <span className="check-help">{t('compose.down.volumesHelp')}</span>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={removeImages} onChange={(e) => setRemoveImages(e.target.checked)} />
        <span>
          {t('compose.down.images')}
          <span className="check-help">{t('compose.down.imagesHelp')}</span>
        </span>
      </label>
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <CommandBox
          command={composeCommand(target, op)}
          valid
          fix=""
          copyLabel={t('details.copyCommand')}
          testId="down-command"
        />
      </div>
    </ActionDialog>
  );
}
