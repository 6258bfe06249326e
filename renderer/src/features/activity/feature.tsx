// Activity: what happened on the engine, in plain words.
import { lazy } from 'react';
import { HistoryIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const ActivityPage = lazy(() => import('./ActivityPage').then((m) => ({ default: m.ActivityPage })));

export const activityFeature = defineFeature({
  route: 'activity',
  nav: { labelKey: 'activity.nav', Icon: HistoryIcon },
  screen: ({ location: { query } }) => (
    <ActivityPage type={query.get('type') ?? undefined} name={query.get('name') ?? undefined} />
  ),
});
