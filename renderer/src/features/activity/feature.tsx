// Activity: what happened on the engine, in plain words.
import { HistoryIcon } from '../../components/Icons';
import { defineFeature } from '../feature';
import { ActivityPage } from './ActivityPage';

export const activityFeature = defineFeature({
  route: 'activity',
  nav: { labelKey: 'activity.nav', Icon: HistoryIcon },
  screen: ({ location: { query } }) => (
    <ActivityPage type={query.get('type') ?? undefined} name={query.get('name') ?? undefined} />
  ),
});
