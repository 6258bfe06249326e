// #/volumes/<name>: the files inside one volume.
import { useTranslation } from 'react-i18next';
import { hrefTo } from '../../lib/useHashRoute';
import { useVolumes } from './queries';
import { FileBrowser } from '../files/FileBrowser';
import { StorageExplainer } from '../mounts/StorageExplainer';

export function VolumeFilesPage({ name }: { name: string }) {
  const { t } = useTranslation();
  const volume = useVolumes().data?.find((v) => v.name === name);
  return (
    <section className="page" aria-labelledby="volume-files-title">
      <header className="page-header">
        <a className="back-link" href={hrefTo('volumes')}>
          ← {t('nav.volumes')}
        </a>
        <div className="page-title-row">
          <h1 id="volume-files-title">{t('volumeActions.filesTitle', { name })}</h1>
          {volume && <span className="page-count mono">{volume.driver}</span>}
        </div>
        <p className="muted small">{t('volumeActions.filesExplain')}</p>
        <StorageExplainer />
      </header>
      <FileBrowser target={{ kind: 'volume', name }} />
    </section>
  );
}
