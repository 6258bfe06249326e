// Networks: the engine's networks, as `docker network ls` lists them.
import { request } from '../../api/define';
import { none } from '../../api/domains/shared';
import type { NetworkSummary } from './types';

export const networksContract = {
  /** docker network ls: every network, by name. */
  'networks.list': request<NetworkSummary[]>()(none),
} as const;
