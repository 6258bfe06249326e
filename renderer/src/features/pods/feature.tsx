// Pods: Podman's pods and Kubernetes YAML (play, down, generate); on Docker,
// a compose project's Kubernetes YAML beside its compose file.
import { lazy } from 'react';
import { PodIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const PodsPage = lazy(() => import('./PodsPage').then((m) => ({ default: m.PodsPage })));

export const podsFeature = defineFeature({
  route: 'pods',
  nav: { labelKey: 'pods.nav', Icon: PodIcon },
  screen: ({ stale }) => <PodsPage stale={stale} />,
});
