import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ImagePruneResult, ImageSummary } from '../../../../runtime/domains/images/types';
import { Explainer } from '../../components/Explainer';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { useContainers } from '../containers/queries';
import { useImages } from './queries';
import { ImageConcepts } from './ImageConcepts';
import { ImagesTable, type RowAction } from './ImagesTable';
import { ImagesToolbar, type ToolbarDialog } from './ImagesToolbar';
import { RemoveImagesDialog, type ImageTarget } from './RemoveImagesDialog';
import { LoadImageDialog } from './LoadImageDialog';
import { PruneImagesDialog } from './PruneImagesDialog';
import { RegistriesDialog } from './RegistriesDialog';
import { TagDialog, UntagDialog } from './TagDialogs';
import { PullDialog, PushDialog } from './TransferDialogs';
import { namesOf, refOf, usersByImage } from './image-refs';
import { useSaveImage } from './useSaveImage';
import { DownloadProgressList } from '../downloads/DownloadProgressList';
import { useDownloads } from '../downloads/useDownloads';
import { formatBytes } from '../../lib/format';
import './images.css';

type Open =
  | { kind: 'remove'; images: ImageTarget[] }
  | { kind: 'tag'; source: string }
  | { kind: 'untag'; name: string; others: string[] }
  | { kind: 'push'; ref: string }
  | { kind: ToolbarDialog }
  | null;

export function ImagesPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const query = useImages();
  const containers = useContainers().data;
  const [danglingOnly, setDanglingOnly] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<Open>(null);
  const [pruned, setPruned] = useState<ImagePruneResult | null>(null);
  const downloads = useDownloads();
  const save = useSaveImage(downloads.start);

  const users = useMemo(() => usersByImage(containers), [containers]);
  const all = useMemo(() => [...(query.data ?? [])].sort((a, b) => b.created - a.created), [query.data]);
  const images = useMemo(() => (danglingOnly ? all.filter((i) => i.dangling) : all), [all, danglingOnly]);
  const total = all.reduce((sum, i) => sum + i.size, 0);
  // Only what is still listed (and shown) counts as selected.
  const chosen = images.filter((i) => selected.has(i.id));

  const target = (image: ImageSummary): ImageTarget => ({
    id: image.id,
    names: namesOf(image),
    users: users.get(image.id) ?? [],
  });
  const select = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const onAction = (action: RowAction, image: ImageSummary) => {
    if (action === 'remove') setOpen({ kind: 'remove', images: [target(image)] });
    else if (action === 'tag') setOpen({ kind: 'tag', source: refOf(image) });
    else if (action === 'push') setOpen({ kind: 'push', ref: refOf(image) });
    else void save.save(image);
  };

  return (
    <section className="page" aria-labelledby="images-title">
      <PageHeader
        id="images-title"
        title={t('nav.images')}
        count={query.data ? t('images.summary', { count: all.length, size: formatBytes(total) }) : undefined}
      >
        <Explainer title={t('images.whatIs')}>
          <p>{t('images.explain1')}</p>
          <p>
            <Trans i18nKey="images.explain2" components={{ code: <code /> }} />
          </p>
          <ImageConcepts />
        </Explainer>
      </PageHeader>
      <ListStatus query={query} stale={stale} />
      <ImagesToolbar danglingOnly={danglingOnly} onDanglingOnly={setDanglingOnly} onOpen={(kind) => setOpen({ kind })}>
        {chosen.length > 0 && (
          <div role="toolbar" aria-label={t('containers.selection')} className="selection-bar">
            <span className="selection-count">{t('containers.selectedCount', { n: chosen.length })}</span>
            <button
              type="button"
              className="button button-small"
              disabled={stale}
              onClick={() => setOpen({ kind: 'remove', images: chosen.map(target) })}
            >
              {t('actions.remove')}
            </button>
            <button type="button" className="button button-small" onClick={() => setSelected(new Set())}>
              {t('containers.clearSelection')}
            </button>
          </div>
        )}
      </ImagesToolbar>
      {pruned && (
        <p className="notice" role="status">
          {t('imageActions.pruned', { count: pruned.removed.length, size: formatBytes(pruned.bytes) })}
          {pruned.failed.length > 0 && ` ${t('imageActions.pruneKept', { count: pruned.failed.length })}`}
        </p>
      )}
      {save.error && (
        <ErrorAlert
          title={t('imageActions.saveFailed')}
          messages={[save.error]}
          onDismiss={() => save.setError(null)}
        />
      )}
      <DownloadProgressList items={downloads.items} onCancel={downloads.cancel} onDismiss={downloads.dismiss} />
      {query.data && images.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{danglingOnly ? t('imageActions.noDangling') : t('images.emptyTitle')}</p>
          {!danglingOnly && (
            <>
              <p className="muted">{t('images.emptyText')}</p>
              <code className="empty-command">docker pull busybox</code>
            </>
          )}
        </div>
      ) : query.data ? (
        <ImagesTable
          images={images}
          users={users}
          selected={selected}
          stale={stale}
          busy={save.busy}
          onSelect={select}
          onAction={onAction}
          onUntag={(name, image) => setOpen({ kind: 'untag', name, others: namesOf(image).filter((n) => n !== name) })}
        />
      ) : null}
      {open?.kind === 'remove' && (
        <RemoveImagesDialog
          images={open.images}
          onDone={(removed) => {
            setOpen(null);
            if (removed) setSelected(new Set());
          }}
        />
      )}
      {open?.kind === 'tag' && <TagDialog source={open.source} onDone={() => setOpen(null)} />}
      {open?.kind === 'untag' && <UntagDialog name={open.name} otherNames={open.others} onDone={() => setOpen(null)} />}
      {open?.kind === 'pull' && <PullDialog onDone={() => setOpen(null)} />}
      {open?.kind === 'push' && <PushDialog image={open.ref} onDone={() => setOpen(null)} />}
      {open?.kind === 'load' && <LoadImageDialog onDone={() => setOpen(null)} />}
      {open?.kind === 'registries' && <RegistriesDialog onDone={() => setOpen(null)} />}
      {open?.kind === 'prune' && (
        <PruneImagesDialog
          onDone={(result) => {
            setOpen(null);
            if (result) setPruned(result);
          }}
        />
      )}
    </section>
  );
}
