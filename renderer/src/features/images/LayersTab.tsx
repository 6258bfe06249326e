// An image's layers (docker history): the instruction that made each, its
// size, which are empty, and the total against the image's size.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { CommandLine } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Explainer } from '../../components/Explainer';
import { Spinner } from '../../components/Icons';
import { imageKeys } from './queries';
import { formatBytes, formatExact, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import { LayerConcepts } from './ImageConcepts';

export function LayersTab({ image }: { image: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useUi((s) => s.language);
  const now = useNow(60_000);
  const history = useQuery({
    queryKey: imageKeys.history(image),
    queryFn: () => client.request('images.history', { image }),
    staleTime: 60_000,
    retry: false,
  });
  if (history.isPending) {
    return (
      <p className="muted">
        <Spinner size={14} /> {t('imageDetails.loading')}
      </p>
    );
  }
  if (history.error) return <ErrorAlert title={t('imageActions.failed')} messages={[toErrorLike(history.error)]} />;
  const { layers, total, imageSize, command } = history.data;
  const empty = layers.filter((l) => l.empty).length;
  return (
    <div className="layers-tab">
      <Explainer title={t('imageConcepts.layersTitle')}>
        <LayerConcepts />
      </Explainer>
      <p className="muted small">
        {t('imageDetails.layersCount', { count: layers.length, empty })} · {t('imageDetails.newestFirst')}
      </p>
      <div className="table-scroll">
        <table className="table layers-table" aria-label={t('imageDetails.layersTable')}>
          <colgroup>
            <col />
            <col className="col-lsize" />
            <col className="col-lcreated" />
          </colgroup>
          <thead>
            <tr>
              <th>{t('imageDetails.colInstruction')}</th>
              <th className="num">{t('imageDetails.colSize')}</th>
              <th>{t('imageDetails.colCreated')}</th>
            </tr>
          </thead>
          <tbody>
            {layers.map((layer, i) => {
              const created = new Date(layer.created * 1000);
              return (
                <tr
                  key={`${layer.id}-${i}`}
                  data-testid="layer-row"
                  data-size={layer.size}
                  data-empty={layer.empty}
                  className={layer.empty ? 'row layer-empty' : 'row'}
                >
                  <td>
                    <code className="layer-instruction" title={layer.createdBy}>
                      {layer.instruction || layer.createdBy}
                    </code>
                    {layer.empty && (
                      <span className="badge badge-grey layer-empty-badge" title={t('imageDetails.emptyHelp')}>
                        {t('imageDetails.empty')}
                      </span>
                    )}
                  </td>
                  <td className="num mono">{formatBytes(layer.size)}</td>
                  <td>
                    <time dateTime={created.toISOString()} title={formatExact(created, language)}>
                      {formatRelative(created, language, new Date(now))}
                    </time>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr data-testid="layers-total" data-total={total} data-image-size={imageSize}>
              <th scope="row">{t('imageDetails.total')}</th>
              <td className="num mono">{formatBytes(total)}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">{t('imageDetails.imageSize')}</th>
              <td className="num mono">{formatBytes(imageSize)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={total === imageSize ? 'notice notice-ok' : 'notice'} data-testid="layers-sum">
        {total === imageSize
          ? t('imageDetails.matches')
          : t('imageDetails.differs', { total: formatBytes(total), size: formatBytes(imageSize) })}
      </p>
      <CommandLine command={command} />
    </div>
  );
}
