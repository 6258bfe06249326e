// Disk: where the disk went, and a clean-up with a preview.
import { lazy } from 'react';
import { DiskIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const DiskPage = lazy(() => import('./DiskPage').then((m) => ({ default: m.DiskPage })));

export const diskFeature = defineFeature({
  route: 'disk',
  nav: { labelKey: 'disk.nav', Icon: DiskIcon },
  screen: ({ stale }) => <DiskPage stale={stale} />,
});
