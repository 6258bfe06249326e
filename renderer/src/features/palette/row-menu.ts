// What every list's right-click menu ends with: copy the row's id, its name
// and its command (a container's own command, as `docker ps` shows it; for
// other objects, the docker command that shows them).
import type { TFunction } from 'i18next';
import type { MenuItem } from '../../components/ContextMenu';
import { copyText } from '../../lib/clipboard';

export function copyItems(
  t: TFunction,
  what: { id?: string | undefined; name: string; command: string; commandLabel?: string },
): MenuItem[] {
  const copy = (text: string) => () => void copyText(text).catch(() => undefined);
  return [
    ...(what.id !== undefined
      ? [{ id: 'copy-id', label: t('rowMenu.copyId'), onSelect: copy(what.id), separated: true }]
      : []),
    { id: 'copy-name', label: t('rowMenu.copyName'), onSelect: copy(what.name), separated: what.id === undefined },
    {
      id: 'copy-command',
      label: what.commandLabel ?? t('rowMenu.copyInspect'),
      command: what.command,
      onSelect: copy(what.command),
    },
  ];
}
