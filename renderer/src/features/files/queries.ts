// The file browser's query keys: a target's queries nest under the target, so
// one invalidation refreshes them all.
import type { FileTarget } from '../../../../runtime/domains/files/types';

export const fileKeys = {
  all: ['files'] as const,
  target: (target: FileTarget) =>
    [...fileKeys.all, target.kind, target.kind === 'volume' ? target.name : target.id] as const,
  list: (target: FileTarget, path: string, showHidden: boolean) =>
    [...fileKeys.target(target), 'list', path, showHidden] as const,
  read: (target: FileTarget, path: string) => [...fileKeys.target(target), 'read', path] as const,
};
