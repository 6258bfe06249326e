import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { containerKeys } from './queries';
import { TargetList } from '../../components/TargetList';

interface Props {
  targets: readonly ContainerSummary[];
  onConfirm: (options: { removeVolumes: boolean; force: boolean }) => void;
  onCancel: () => void;
}

export function RemoveDialog({ targets, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [force, setForce] = useState(false);
  const running = targets.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  const input = {
    action: 'remove' as const,
    targets: targets.map((c) => ({ id: c.id, name: c.name })),
    removeVolumes,
    force,
  };
  const command = useQuery({
    queryKey: containerKeys.describe(
      'remove',
      input.targets.map((x) => x.id),
      `${removeVolumes ? 'v' : ''}${force ? 'f' : ''}`,
    ),
    queryFn: () => client.request('containers.describeAction', input),
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });

  const first = targets[0];
  const title = targets.length === 1 ? t('remove.titleOne') : t('remove.titleMany', { count: targets.length });

  return (
    <ActionDialog
      title={title}
      onCancel={onCancel}
      action={t('actions.remove')}
      onAction={() => onConfirm({ removeVolumes, force })}
      tone="danger"
    >
      <p>
        {targets.length === 1 && first
          ? t('remove.questionOne', { name: first.name })
          : t('remove.questionMany', { count: targets.length })}
      </p>
      <p className="muted small">{t('remove.explain')}</p>
      {targets.length > 1 && (
        <TargetList label={t('remove.list')}>
          {targets.slice(0, 8).map((c) => (
            <li key={c.id} className="mono">
              {c.name}
            </li>
          ))}
          {targets.length > 8 && <li className="muted">{t('remove.andMore', { n: targets.length - 8 })}</li>}
        </TargetList>
      )}
      <label className="check">
        <input type="checkbox" checked={removeVolumes} onChange={(e) => setRemoveVolumes(e.target.checked)} />
        <span>
          {t('remove.volumes')}
          <span className="check-help">{t('remove.volumesHelp')}</span>
        </span>
      </label>
      {running.length > 0 && (
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          <span>
            {t('remove.force')}
            <span className="check-help">{t('remove.forceHelp', { count: running.length })}</span>
          </span>
        </label>
      )}
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <code>{command.data?.command ?? '…'}</code>
      </div>
    </ActionDialog>
  );
}
