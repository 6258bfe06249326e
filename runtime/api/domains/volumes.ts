// Volumes.
import { request } from '../define';
import type { VolumeSummary } from '../types';
import { none } from './shared';

export const volumesContract = {
  'volumes.list': request<VolumeSummary[]>()(none),
} as const;
