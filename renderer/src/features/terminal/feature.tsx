// Terminals: every open shell, in tabs.
import { lazy } from 'react';
import { TerminalIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const TerminalsPage = lazy(() => import('./TerminalsPage').then((m) => ({ default: m.TerminalsPage })));

export const terminalsFeature = defineFeature({
  route: 'terminals',
  nav: { labelKey: 'terminal.nav', Icon: TerminalIcon },
  screen: () => <TerminalsPage />,
});
