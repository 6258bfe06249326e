// The dashboard: live resource use of every running container.
import { ChartIcon } from '../../components/Icons';
import { defineFeature } from '../feature';
import { DashboardPage } from './DashboardPage';

export const dashboardFeature = defineFeature({
  route: 'dashboard',
  nav: { labelKey: 'stats.navDashboard', Icon: ChartIcon },
  screen: ({ stale }) => <DashboardPage stale={stale} />,
});
