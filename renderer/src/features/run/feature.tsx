// Run: the docker run form (#/run/<image> fills in the image; #/run?from=<container>, a copy of a container).
import { lazy } from 'react';
import { PlayIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const RunPage = lazy(() => import('./RunPage').then((m) => ({ default: m.RunPage })));

export const runFeature = defineFeature({
  route: 'run',
  nav: { labelKey: 'run.nav', Icon: PlayIcon },
  screen: ({ location: { params, query } }) => {
    const from = query.get('from') ?? undefined;
    return <RunPage key={`${params[0] ?? ''}?${from ?? ''}`} image={params[0]} from={from} />;
  },
});
