// Changes: the engine's event stream, applied to containers, images and
// volumes, so the lists stay current without refetching.
import { subscription } from '../../api/define';
import type { ChangeEvent } from './types';
import { none } from '../../api/inputs';

export const changesContract = {
  /** Incremental changes from the engine's event stream. */
  'changes.watch': subscription<ChangeEvent>()(none),
} as const;
