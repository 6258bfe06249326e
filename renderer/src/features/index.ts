// Every feature with an address, in sidebar order. Adding a page is one line
// here and a feature.tsx in its folder; the router, the sidebar and App read
// this list.
import { activityFeature } from './activity/feature';
import { buildFeature } from './build/feature';
import { composeFeature } from './compose/feature';
import { containersFeature } from './containers/feature';
import { diskFeature } from './disk/feature';
import { imagesFeature } from './images/feature';
import { learnFeature } from './learn/feature';
import { mountsFeature } from './mounts/feature';
import { networksFeature } from './networks/feature';
import { podsFeature } from './pods/feature';
import { runFeature } from './run/feature';
import { settingsFeature } from './settings/feature';
import { dashboardFeature } from './stats/feature';
import { terminalsFeature } from './terminal/feature';
import { volumesFeature } from './volumes/feature';

export const FEATURES = [
  containersFeature,
  learnFeature,
  dashboardFeature,
  imagesFeature,
  composeFeature,
  podsFeature,
  runFeature,
  buildFeature,
  volumesFeature,
  networksFeature,
  mountsFeature,
  diskFeature,
  terminalsFeature,
  activityFeature,
  settingsFeature,
] as const;

export type Route = (typeof FEATURES)[number]['route'];

/** The first is where an empty or unknown address lands. */
export const HOME_ROUTE: Route = FEATURES[0].route;
