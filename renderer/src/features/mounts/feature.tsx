// Mounts: who uses which folder or volume.
import { lazy } from 'react';
import { MountIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const MountsPage = lazy(() => import('./MountsPage').then((m) => ({ default: m.MountsPage })));

export const mountsFeature = defineFeature({
  route: 'mounts',
  nav: { labelKey: 'mounts.nav', Icon: MountIcon },
  screen: () => <MountsPage />,
});
