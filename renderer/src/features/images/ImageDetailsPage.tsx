// One image: #/images/<id>/<tab>, with its layers and its inspect JSON.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import { useClient } from '../../api/ClientProvider';
import { Spinner } from '../../components/Icons';
import { imageKeys } from './queries';
import { TabPanel, Tabs } from '../../components/Tabs';
import { useImages } from './queries';
import { formatBytes, formatExact, shortId } from '../../lib/format';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { InspectView } from '../containers/details/InspectTab';
import { useUi } from '../../state/ui-store';
import { findImage, namesOf, refOf, runHref } from './image-refs';
import { LayersTab } from './LayersTab';
import '../containers/details/details.css';

const TABS = [
  { id: 'layers', labelKey: 'imageDetails.tabLayers' },
  { id: 'inspect', labelKey: 'imageDetails.tabInspect' },
] as const;

export function ImageDetailsPage({ id, tab }: { id: string; tab: string | undefined }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useUi((s) => s.language);
  const images = useImages();
  const selected = TABS.some((x) => x.id === tab) ? tab! : 'layers';
  const inspect = useQuery({
    queryKey: imageKeys.inspect(id),
    queryFn: () => client.request('images.inspect', { image: id }),
    enabled: selected === 'inspect',
    staleTime: 60_000,
    retry: false,
  });
  // By id, or by name (a wharf://images/<reference> link).
  const image = images.data ? findImage(images.data, id) : undefined;

  if (images.isPending) {
    return (
      <section className="page details-page" aria-busy="true">
        <p className="muted">
          <Spinner size={14} /> {t('imageDetails.loading')}
        </p>
      </section>
    );
  }
  if (!image) {
    return (
      <section className="page details-page">
        <a className="back-link" href={hrefTo('images')}>
          {t('imageDetails.back')}
        </a>
        <p className="notice" role="status">
          {/* An id shortened as the lists show it; a name (a link by reference) in full. */}
          {t('imageDetails.notFound', { id: /^(sha256:)?[0-9a-f]{64}$/.test(id) ? shortId(id) : id })}
        </p>
      </section>
    );
  }

  const ref = refOf(image);
  const created = new Date(image.created * 1000);

  return (
    <section className="page details-page" aria-labelledby="image-title">
      <header className="details-header">
        <a className="back-link" href={hrefTo('images')}>
          {t('imageDetails.back')}
        </a>
        <div className="details-title-row">
          <h1 id="image-title">{t('imageDetails.title', { name: ref })}</h1>
          <span className="mono muted details-id" title={image.id}>
            {shortId(image.id)}
          </span>
          <span className="muted">{formatBytes(image.size)}</span>
          <time className="muted" dateTime={created.toISOString()}>
            {formatExact(created, language)}
          </time>
          <div className="details-actions">
            <a
              className="button button-small"
              href={runHref(ref)}
              aria-label={t('imageActions.runName', { name: ref })}
            >
              {t('imageActions.run')}
            </a>
          </div>
        </div>
        {namesOf(image).length > 1 && (
          <div className="tags">
            {namesOf(image).map((n) => (
              <span key={n} className="tag mono">
                {n}
              </span>
            ))}
          </div>
        )}
      </header>
      <Tabs
        label={t('imageDetails.tabs')}
        idPrefix="image-"
        className="details-tabs"
        tabClassName="details-tab"
        tabs={TABS.map((x) => ({ id: x.id, label: t(x.labelKey), href: hrefTo('images', image.id, x.id) }))}
        selected={selected}
        onSelect={(to) => navigate(hrefTo('images', image.id, to), { replace: true })}
      />
      <TabPanel idPrefix="image-" id={selected} className="details-panel">
        {selected === 'layers' ? (
          <LayersTab image={ref} />
        ) : (
          <InspectView raw={inspect.data} command={dockerCommand('image.inspect', { images: [ref] })} />
        )}
      </TabPanel>
    </section>
  );
}
