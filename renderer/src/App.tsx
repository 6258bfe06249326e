import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from './api/ClientProvider';
import { CommandBar } from './components/CommandBar';
import { EngineBanner } from './components/EngineStatus';
import { EngineSwitcher } from './features/contexts/EngineSwitcher';
import { startingPhases, VmCancelButton } from './features/vm/VmCancelButton';
import { Spinner } from './components/Icons';
import { Sidebar } from './components/Sidebar';
import { TooltipLayer } from './components/TooltipLayer';
import { useContainers } from './features/containers/queries';
import { useImages } from './features/images/queries';
import { useVolumes } from './features/volumes/queries';
import { useEngineState } from './features/engine/queries';
import { useEngineSync } from './sync/useEngineSync';
import { useAppearance } from './lib/useAppearance';
import { useHashLocation } from './lib/useHashRoute';
import { focusMain, useFocusAfterNavigation } from './lib/useFocusAfterNavigation';
import { FEATURES } from './features';
import { WelcomeScreen } from './features/engine/WelcomeScreen';
import { Notifier } from './features/activity/notifications/Notifier';
import { ScreenBoundary } from './components/ScreenBoundary';
import { LearnCoach } from './features/learn/Coach';
import { useLanguageInSettings } from './features/desktop/useLanguageInSettings';
import { useOpenLinks } from './features/app/links';
import { PaletteHost } from './features/palette/PaletteHost';

export function App() {
  const { t } = useTranslation();
  useAppearance();
  useEngineSync();
  useLanguageInSettings();
  useOpenLinks();
  const location = useHashLocation();
  useFocusAfterNavigation([location.page, ...location.params].join('/'));
  const route = location.page;
  const connection = useConnectionStatus();
  const state = useEngineState().data;
  const containersQuery = useContainers();
  const containers = containersQuery.data;
  // The sidebar's counts wait for the containers list: the engine answers what is on screen first.
  const images = useImages({ enabled: containersQuery.isFetched }).data;
  const volumes = useVolumes({ enabled: containersQuery.isFetched }).data;

  const stale = state?.phase !== 'connected' || connection === 'closed';
  const welcome =
    route !== 'settings' &&
    (state?.phase === 'no-engine' || state?.phase === 'starting-embedded' || state?.phase === 'vm');

  const feature = FEATURES.find((f) => f.route === route) ?? FEATURES[0];
  const page = welcome && state ? <WelcomeScreen state={state} /> : feature.screen({ location, stale });

  return (
    <div className="app">
      {/* The first stop of Tab: past the sidebar, straight to the page. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusMain();
        }}
      >
        {t('common.skipToContent')}
      </a>
      <Sidebar
        route={route}
        counts={{ containers: containers?.length, images: images?.length, volumes: volumes?.length }}
      />
      <div className="main-column">
        <header className="topbar">
          <EngineSwitcher state={state} />
          <PaletteHost />
          {state?.phase === 'vm' && startingPhases.has(state.vm.phase) && (
            <VmCancelButton small label={t('vmCancel.topbarLabel')} />
          )}
        </header>
        {connection === 'closed' && (
          <div className="banner banner-red" role="status">
            <Spinner size={14} />
            <strong>{t('connection.lost')}</strong>
          </div>
        )}
        <EngineBanner state={state} />
        <LearnCoach route={route} params={location.params} />
        <main className="content" id="main">
          <ScreenBoundary resetKey={window.location.hash}>
            <Suspense fallback={null}>{page}</Suspense>
          </ScreenBoundary>
        </main>
        <CommandBar />
      </div>
      <TooltipLayer />
      <Notifier />
    </div>
  );
}
