// Containers: the list (what opens first) and a container's details page.
import { lazy } from 'react';
import { ContainerIcon } from '../../components/Icons';
import { defineFeature } from '../feature';
import { ContainersPage } from './ContainersPage';

// The details page (with the terminal, the editor and the logs view) loads when first visited.
const ContainerDetailsPage = lazy(() =>
  import('./details/ContainerDetailsPage').then((m) => ({ default: m.ContainerDetailsPage })),
);

export const containersFeature = defineFeature({
  route: 'containers',
  nav: { labelKey: 'nav.containers', Icon: ContainerIcon },
  screen: ({ location: { params }, stale }) =>
    params[0] !== undefined ? (
      <ContainerDetailsPage key={params[0]} id={params[0]} tab={params[1]} stale={stale} />
    ) : (
      <ContainersPage stale={stale} />
    ),
});
