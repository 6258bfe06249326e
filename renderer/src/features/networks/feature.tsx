// Networks: the list and the map, and one network's page.
import { lazy } from 'react';
import { NetworkIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const NetworksPage = lazy(() => import('./NetworksPage').then((m) => ({ default: m.NetworksPage })));
const NetworkDetailsPage = lazy(() => import('./NetworkDetailsPage').then((m) => ({ default: m.NetworkDetailsPage })));

export const networksFeature = defineFeature({
  route: 'networks',
  nav: { labelKey: 'networks.nav', Icon: NetworkIcon },
  screen: ({ location: { params, query }, stale }) =>
    params[0] !== undefined ? (
      <NetworkDetailsPage key={params[0]} name={params[0]} tab={params[1]} />
    ) : (
      <NetworksPage stale={stale} view={query.get('view')} />
    ),
});
