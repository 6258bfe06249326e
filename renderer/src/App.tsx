import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from './api/ClientProvider';
import { CommandBar } from './components/CommandBar';
import { EngineBanner, EngineStatus } from './components/EngineStatus';
import { Spinner } from './components/Icons';
import { Sidebar } from './components/Sidebar';
import { TooltipLayer } from './components/TooltipLayer';
import { useContainers, useImages, useVolumes, useEngineState } from './data/queries';
import { useEngineSync } from './data/useEngineSync';
import { useAppearance } from './lib/useAppearance';
import { useHashLocation } from './lib/useHashRoute';
import { ContainerDetailsPage } from './pages/container-details/ContainerDetailsPage';
import { ContainersPage } from './pages/containers/ContainersPage';
import { MountsPage } from './features/mounts/MountsPage';
import { RunPage } from './features/run/RunPage';
import { BuildPage } from './features/build/BuildPage';
import { TerminalsPage } from './features/terminal/TerminalsPage';
import { VolumeFilesPage } from './features/volumes/VolumeFilesPage';
import { ImageDetailsPage } from './features/images/ImageDetailsPage';
import { ImagesPage } from './pages/ImagesPage';
import { SettingsPage } from './pages/SettingsPage';
import { VolumesPage } from './pages/VolumesPage';
import { WelcomeScreen } from './pages/WelcomeScreen';

export function App() {
  const { t } = useTranslation();
  useAppearance();
  useEngineSync();
  const location = useHashLocation();
  const route = location.page;
  const connection = useConnectionStatus();
  const state = useEngineState().data;
  const containers = useContainers().data;
  const images = useImages().data;
  const volumes = useVolumes().data;

  const stale = state?.phase !== 'connected' || connection === 'closed';
  const welcome =
    route !== 'settings' && (state?.phase === 'no-engine' || state?.phase === 'starting-embedded');

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
        </header>
        {connection === 'closed' && (
          <div className="banner banner-red" role="status">
            <Spinner size={14} />
            <strong>{t('connection.lost')}</strong>
          </div>
        )}
        <EngineBanner state={state} />
        <main className="content" id="main">
          {page}
        </main>
        <CommandBar />
      </div>
      <TooltipLayer />
    </div>
  );
}
