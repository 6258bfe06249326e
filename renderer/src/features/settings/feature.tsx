// Settings: appearance, the engine, the private engine, the engine VM, leftovers.
import { SettingsIcon } from '../../components/Icons';
import { defineFeature } from '../feature';
import { SettingsPage } from './SettingsPage';

export const settingsFeature = defineFeature({
  route: 'settings',
  nav: { labelKey: 'nav.settings', Icon: SettingsIcon, place: 'bottom' },
  screen: () => <SettingsPage />,
});
