import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../components/Explainer';
import { ListStatus } from '../components/ListStatus';
import { PageHeader } from '../components/PageHeader';
import { useContainers, useImages } from '../data/queries';
import { formatBytes, formatExact, formatRelative, shortId } from '../lib/format';
import { useNow } from '../lib/useNow';
import { useUi } from '../state/ui-store';
import './images.css';

export function ImagesPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const query = useImages();
  const containers = useContainers().data;
  const language = useUi((s) => s.language);
  const now = useNow(60_000);

  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of containers ?? []) counts.set(c.imageId, (counts.get(c.imageId) ?? 0) + 1);
    return counts;
  }, [containers]);

  const images = useMemo(
    () => [...(query.data ?? [])].sort((a, b) => b.created - a.created),
    [query.data],
  );
  const total = images.reduce((sum, i) => sum + i.size, 0);

  return (
    <section className="page" aria-labelledby="images-title">
      <PageHeader
        id="images-title"
        title={t('nav.images')}
        count={query.data ? t('images.summary', { count: images.length, size: formatBytes(total) }) : undefined}
      >
        <Explainer title={t('images.whatIs')}>
          <p>{t('images.explain1')}</p>
          <p>
            <Trans i18nKey="images.explain2" components={{ code: <code /> }} />
          </p>
        </Explainer>
      </PageHeader>
      <ListStatus query={query} stale={stale} />
      {query.data && images.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('images.emptyTitle')}</p>
          <p className="muted">{t('images.emptyText')}</p>
          <code className="empty-command">docker pull busybox</code>
        </div>
      ) : query.data ? (
        <div className={stale ? 'table-scroll stale' : 'table-scroll'}>
          <table className="table" aria-label={t('images.tableName')}>
            <colgroup>
              <col className="col-tags" />
              <col className="col-id" />
              <col className="col-size" />
              <col />
              <col className="col-count" />
            </colgroup>
            <thead>
              <tr>
                <th>{t('images.colTags')}</th>
                <th>{t('images.colId')}</th>
                <th className="num">{t('images.colSize')}</th>
                <th>{t('images.colCreated')}</th>
                <th className="num">{t('images.colContainers')}</th>
              </tr>
            </thead>
            <tbody>
              {images.map((image) => {
                const created = new Date(image.created * 1000);
                const used = usage.get(image.id) ?? 0;
                const tags = image.repoTags.filter((tag) => tag !== '<none>:<none>');
                return (
                  <tr key={image.id} data-testid="image-row" data-id={image.id} className="row">
                    <td>
                      <div className="tags">
                        {tags.length === 0 ? (
                          <span className="tag tag-none" title={t('images.danglingHelp')}>
                            {t('images.untagged')}
                          </span>
                        ) : (
                          tags.map((tag) => (
                            <span key={tag} className="tag mono">
                              {tag}
                            </span>
                          ))
                        )}
                      </div>
                    </td>
                    <td className="mono" title={image.id}>
                      {shortId(image.id)}
                    </td>
                    <td className="num">{formatBytes(image.size)}</td>
                    <td>
                      <time dateTime={created.toISOString()} title={formatExact(created, language)}>
                        {formatRelative(created, language, new Date(now))}
                      </time>
                    </td>
                    <td className="num">
                      {used === 0 ? (
                        <span className="muted" title={t('images.unusedHelp')}>
                          0
                        </span>
                      ) : (
                        <span className="count-pill">{used}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
