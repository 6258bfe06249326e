// The dashboard: live resource use of every running container.
import { lazy } from 'react';
import { ChartIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

export const dashboardFeature = defineFeature({
  route: 'dashboard',
  nav: { labelKey: 'stats.navDashboard', Icon: ChartIcon },
  screen: ({ stale }) => <DashboardPage stale={stale} />,
});
