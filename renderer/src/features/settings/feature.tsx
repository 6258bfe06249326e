// Settings: appearance, the engine, the private engine, the engine VM, leftovers.
import { lazy } from 'react';
import { SettingsIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const SettingsPage = lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage })));

export const settingsFeature = defineFeature({
  route: 'settings',
  nav: { labelKey: 'nav.settings', Icon: SettingsIcon, place: 'bottom' },
  screen: () => <SettingsPage />,
});
