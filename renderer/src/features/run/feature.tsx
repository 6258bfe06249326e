// Run: the docker run form (#/run/<image> fills in the image).
import { lazy } from 'react';
import { PlayIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const RunPage = lazy(() => import('./RunPage').then((m) => ({ default: m.RunPage })));

export const runFeature = defineFeature({
  route: 'run',
  nav: { labelKey: 'run.nav', Icon: PlayIcon },
  screen: ({ location: { params } }) => <RunPage key={params[0] ?? ''} image={params[0]} />,
});
