// Runs a container action: marks the rows busy, records the command it stands
// for, and shows the engine's reason when it fails. The list itself changes
// only through the change feed.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { ApiError } from '../../../../runtime/api/errors';
import { useClient } from '../../api/ClientProvider';
import { useUi } from '../../state/ui-store';

export interface ActionOptions {
  removeVolumes?: boolean;
  force?: boolean;
}

export function useContainerActions() {
  const client = useClient();
  const { t } = useTranslation();

  return useCallback(
    async (action: ContainerAction, targets: readonly ContainerSummary[], options: ActionOptions = {}) => {
      if (targets.length === 0) return;
      const ui = useUi.getState();
      const ids = targets.map((c) => c.id);
      ui.setBusy(ids, action);
      ui.setFailure(null);
      try {
        const result = await client.request('containers.act', {
          action,
          targets: targets.map((c) => ({ id: c.id, name: c.name })),
          ...options,
        });
        ui.pushCommand(result.command);
        const failed = result.outcomes.filter((o) => !o.ok);
        if (failed.length > 0) {
          ui.setFailure({
            command: result.command,
            errors: failed.map((o) => ({ name: o.name, ...(o.error ?? { message: t('errors.unknown') }) })),
          });
        }
        if (action === 'remove') {
          ui.setSelected(
            result.outcomes.filter((o) => o.ok).map((o) => o.id),
            false,
          );
        }
      } catch (error) {
        const e = error instanceof ApiError ? error : null;
        ui.setFailure({
          command: '',
          errors: [
            {
              message: e?.message ?? String(error),
              ...(e?.hint ? { hint: e.hint } : {}),
              ...(e?.key ? { key: e.key } : {}),
              ...(e?.params ? { params: e.params } : {}),
            },
          ],
        });
      } finally {
        useUi.getState().setBusy(ids, null);
      }
    },
    [client, t],
  );
}
