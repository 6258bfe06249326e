// Images: the list, and an image's details (layers, inspect).
import { lazy } from 'react';
import { ImageIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const ImageDetailsPage = lazy(() => import('./ImageDetailsPage').then((m) => ({ default: m.ImageDetailsPage })));
const ImagesPage = lazy(() => import('./ImagesPage').then((m) => ({ default: m.ImagesPage })));

export const imagesFeature = defineFeature({
  route: 'images',
  nav: { labelKey: 'nav.images', Icon: ImageIcon },
  screen: ({ location: { params }, stale }) =>
    params[0] !== undefined ? (
      <ImageDetailsPage key={params[0]} id={params[0]} tab={params[1]} />
    ) : (
      <ImagesPage stale={stale} />
    ),
});
