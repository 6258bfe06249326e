// Build: docker build from a folder or a pasted Dockerfile.
import { lazy } from 'react';
import { BuildIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const BuildPage = lazy(() => import('./BuildPage').then((m) => ({ default: m.BuildPage })));

export const buildFeature = defineFeature({
  route: 'build',
  nav: { labelKey: 'build.nav', Icon: BuildIcon },
  screen: () => <BuildPage />,
});
