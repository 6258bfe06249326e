// Processes: `docker top` of one container, with PIDs on the host and inside.
import { z } from 'zod';
import { request } from '../../api/define';
import { ContainerRef } from '../../api/inputs';
import type { ProcessList } from './types';

export const processesContract = {
  /** The container's processes now (`docker top`), with their PIDs inside where they can be told. */
  'processes.top': request<ProcessList>()(z.object({ id: ContainerRef }).strict()),
} as const;
