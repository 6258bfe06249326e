import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from './api/ClientProvider';
import { CommandBar } from './components/CommandBar';
import { EngineBanner, EngineStatus } from './components/EngineStatus';
import { startingPhases, VmCancelButton } from './features/vm/VmCancelButton';
import { Spinner } from './components/Icons';
import { Sidebar } from './components/Sidebar';
import { TooltipLayer } from './components/TooltipLayer';
import { useContainers, useImages, useVolumes, useEngineState } from './data/queries';
import { useEngineSync } from './data/useEngineSync';
import { useAppearance } from './lib/useAppearance';
import { useHashLocation } from './lib/useHashRoute';
import { ContainersPage } from './features/containers/ContainersPage';
import { ImagesPage } from './features/images/ImagesPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { VolumesPage } from './features/volumes/VolumesPage';
import { WelcomeScreen } from './features/engine/WelcomeScreen';

// The containers list is what opens first; the other pages (with the
// terminal, the editor and the logs view) load when first visited, so
// startup parses a fraction of the code.
const ContainerDetailsPage = lazy(() =>
  import('./features/containers/details/ContainerDetailsPage').then((m) => ({ default: m.ContainerDetailsPage })),
);
const MountsPage = lazy(() => import('./features/mounts/MountsPage').then((m) => ({ default: m.MountsPage })));
const RunPage = lazy(() => import('./features/run/RunPage').then((m) => ({ default: m.RunPage })));
const BuildPage = lazy(() => import('./features/build/BuildPage').then((m) => ({ default: m.BuildPage })));
const TerminalsPage = lazy(() => import('./features/terminal/TerminalsPage').then((m) => ({ default: m.TerminalsPage })));
const VolumeFilesPage = lazy(() => import('./features/volumes/VolumeFilesPage').then((m) => ({ default: m.VolumeFilesPage })));
const ImageDetailsPage = lazy(() => import('./features/images/ImageDetailsPage').then((m) => ({ default: m.ImageDetailsPage })));

export function App() {
  const { t } = useTranslation();
  useAppearance();
  useEngineSync();
  const location = useHashLocation();
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
    route !== 'settings' && (state?.phase === 'no-engine' || state?.phase === 'starting-embedded' || state?.phase === 'vm');

  let page;
  if (welcome && state) page = <WelcomeScreen state={state} />;
  else if (route === 'images' && location.params[0] !== undefined)
    page = <ImageDetailsPage key={location.params[0]} id={location.params[0]} tab={location.params[1]} />;
  else if (route === 'images') page = <ImagesPage stale={stale} />;
  else if (route === 'volumes' && location.params[0] !== undefined) page = <VolumeFilesPage key={location.params[0]} name={location.params[0]} />;
  else if (route === 'volumes') page = <VolumesPage stale={stale} />;
  else if (route === 'mounts') page = <MountsPage />;
  else if (route === 'terminals') page = <TerminalsPage />;
  else if (route === 'settings') page = <SettingsPage />;
  else if (route === 'build') page = <BuildPage />;
  else if (route === 'run') page = <RunPage key={location.params[0] ?? ''} image={location.params[0]} />;
  else if (location.params[0] !== undefined)
    page = <ContainerDetailsPage key={location.params[0]} id={location.params[0]} tab={location.params[1]} stale={stale} />;
  else page = <ContainersPage stale={stale} />;

  return (
    <div className="app">
      <Sidebar
        route={route}
        counts={{ containers: containers?.length, images: images?.length, volumes: volumes?.length }}
      />
      <div className="main-column">
        <header className="topbar">
          <EngineStatus state={state} />
          {state?.phase === 'vm' && startingPhases.has(state.vm.phase) && <VmCancelButton small label={t('vmCancel.topbarLabel')} />}
        </header>
        {connection === 'closed' && (
          <div className="banner banner-red" role="status">
            <Spinner size={14} />
            <strong>{t('connection.lost')}</strong>
          </div>
        )}
        <EngineBanner state={state} />
        <main className="content" id="main">
          <Suspense fallback={null}>{page}</Suspense>
        </main>
        <CommandBar />
      </div>
      <TooltipLayer />
    </div>
  );
}
