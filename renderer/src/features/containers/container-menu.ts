// A container row's right-click menu: the row's buttons, each with its docker
// command, then copy its id, name and command.
import type { TFunction } from 'i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { containerActionCommand } from '../../../../runtime/domains/containers/cli';
import type { MenuItem } from '../../components/ContextMenu';
import { copyItems } from '../palette/row-menu';
import { canRun } from './container-logic';
import { actionsFor } from './ContainerRow';

export function containerMenuItems(
  t: TFunction,
  c: ContainerSummary,
  state: {
    stale: boolean;
    busy: boolean;
    onAct: (action: ContainerAction, container: ContainerSummary) => void;
    onRemove: (container: ContainerSummary) => void;
  },
): MenuItem[] {
  const actions = actionsFor(c).map(({ action, key }): MenuItem => ({
    id: action,
    label: t(key),
    command: containerActionCommand({ action, containers: [c.name] }),
    disabled: state.stale || state.busy || !canRun(action, c.state),
    danger: action === 'remove',
    onSelect: () => (action === 'remove' ? state.onRemove(c) : state.onAct(action, c)),
  }));
  return [
    ...actions,
    ...copyItems(t, { id: c.id, name: c.name, command: c.command, commandLabel: t('rowMenu.copyProcess') }),
  ];
}
