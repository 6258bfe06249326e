// Cancel for a VM start in progress: the runtime stops QEMU (or the WSL
// engine) and the VM ends 'stopped', marked cancelled rather than failed. The
// command Wharf ran to stop it goes to the command bar like any action's.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VmPhase } from '../../../../runtime/domains/vm/types';
import { useClient } from '../../api/ClientProvider';
import { Spinner } from '../../components/Icons';
import { engineKeys } from '../engine/queries';
import { useUi } from '../../state/ui-store';
import './vm.css';

/** The phases of a start that Cancel can end. */
export const startingPhases: ReadonlySet<VmPhase> = new Set(['preparing', 'booting', 'waiting-engine']);

export function VmCancelButton({ small = false, label }: { small?: boolean; label?: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => client.request('vm.cancel', {}),
    onSuccess: (status) => {
      if (status.cancelled && status.lastCommand) useUi.getState().pushCommand(status.lastCommand);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: engineKeys.state() }),
  });
  return (
    <button
      type="button"
      className={small ? 'button button-small vm-cancel-small' : 'button'}
      disabled={cancel.isPending}
      aria-label={label}
      title={t('vmCancel.help')}
      onClick={() => cancel.mutate()}
    >
      {cancel.isPending && <Spinner size={12} />}
      {t('vmCancel.button')}
    </button>
  );
}
