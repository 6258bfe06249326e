import { useTranslation } from 'react-i18next';
import type { Route } from '../lib/useHashRoute';
import { BuildIcon, ContainerIcon, ImageIcon, MountIcon, PlayIcon, SettingsIcon, TerminalIcon, VolumeIcon, WharfLogo } from './Icons';

const ITEMS = [
  { route: 'containers', Icon: ContainerIcon, key: 'nav.containers' },
  { route: 'images', Icon: ImageIcon, key: 'nav.images' },
  { route: 'run', Icon: PlayIcon, key: 'run.nav' },
  { route: 'build', Icon: BuildIcon, key: 'build.nav' },
  { route: 'volumes', Icon: VolumeIcon, key: 'nav.volumes' },
  { route: 'mounts', Icon: MountIcon, key: 'mounts.nav' },
  { route: 'terminals', Icon: TerminalIcon, key: 'terminal.nav' },
] as const;

export function Sidebar({ route, counts }: { route: Route; counts: Partial<Record<Route, number>> }) {
  const { t } = useTranslation();
  const link = (to: Route, Icon: typeof ContainerIcon, label: string) => (
    <a href={`#/${to}`} className="nav-link" aria-current={route === to ? 'page' : undefined}>
      <Icon size={17} />
      <span className="nav-label">{label}</span>
      {counts[to] !== undefined && (
        <span className="nav-count" aria-hidden="true">
          {counts[to]}
        </span>
      )}
    </a>
  );
  return (
    <aside className="sidebar">
      <div className="brand">
        <WharfLogo size={22} />
        <span>Wharf</span>
      </div>
      <nav aria-label={t('nav.main')} className="nav">
        <ul>
          {ITEMS.map(({ route: to, Icon, key }) => (
            <li key={to}>{link(to, Icon, t(key))}</li>
          ))}
        </ul>
        <ul className="nav-bottom">
          <li>{link('settings', SettingsIcon, t('nav.settings'))}</li>
        </ul>
      </nav>
    </aside>
  );
}
