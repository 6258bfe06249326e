// Volumes: the list, and a volume's files.
import { lazy } from 'react';
import { VolumeIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const VolumeFilesPage = lazy(() => import('./VolumeFilesPage').then((m) => ({ default: m.VolumeFilesPage })));
const VolumesPage = lazy(() => import('./VolumesPage').then((m) => ({ default: m.VolumesPage })));

export const volumesFeature = defineFeature({
  route: 'volumes',
  nav: { labelKey: 'nav.volumes', Icon: VolumeIcon },
  screen: ({ location: { params }, stale }) =>
    params[0] !== undefined ? <VolumeFilesPage key={params[0]} name={params[0]} /> : <VolumesPage stale={stale} />,
});
