import { useTranslation } from 'react-i18next';
import { FEATURES, type Route } from '../features';
import type { FeatureDescriptor } from '../features/feature';
import { WharfLogo } from './Icons';

/** The pages in the sidebar's order (the bottom ones last): what Ctrl+1…9 number. */
export function sidebarFeatures(): FeatureDescriptor<Route>[] {
  return [...FEATURES.filter((f) => f.nav.place !== 'bottom'), ...FEATURES.filter((f) => f.nav.place === 'bottom')];
}

export function Sidebar({ route, counts }: { route: Route; counts: Partial<Record<Route, number>> }) {
  const { t } = useTranslation();
  const link = ({ route: to, nav: { Icon, labelKey } }: FeatureDescriptor<Route>) => (
    <a href={`#/${to}`} className="nav-link" aria-current={route === to ? 'page' : undefined}>
      <Icon size={17} />
      <span className="nav-label">{t(labelKey)}</span>
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
          {FEATURES.filter((f) => f.nav.place !== 'bottom').map((f) => (
            <li key={f.route}>{link(f)}</li>
          ))}
        </ul>
        <ul className="nav-bottom">
          {FEATURES.filter((f) => f.nav.place === 'bottom').map((f) => (
            <li key={f.route}>{link(f)}</li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
