// Networks: the list the run form's network choice offers.
import { request } from '../define';
import type { NetworkSummary } from '../types';
import { none } from '../inputs';

export const networksContract = {
  /** docker network ls: every network, by name. */
  'networks.list': request<NetworkSummary[]>()(none),
} as const;
