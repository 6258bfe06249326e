// Pull and push progress: one bar for the whole image and one per layer,
// with bytes and the engine's words for each layer's state.
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/format';
import type { TransferState } from './useTransfer';

function Bar({ label, current, total, done }: { label: string; current: number; total: number; done: boolean }) {
  const percent = total > 0 ? Math.round((current / total) * 100) : done ? 100 : 0;
  return (
    <div
      className={`progress${total === 0 && !done ? ' progress-unknown' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

export function TransferProgress({ state }: { state: TransferState }) {
  const { t } = useTranslation();
  const { overall, layers } = state;
  const allDone = state.phase === 'done';
  return (
    <div className="transfer" data-testid="transfer-progress" data-phase={state.phase}>
      <div className="transfer-overall">
        <div className="transfer-line">
          <strong>{t('transfer.overall')}</strong>
          <span className="muted small" data-testid="transfer-overall">
            {overall.total > 0
              ? `${t('transfer.overallBytes', { current: formatBytes(overall.current), total: formatBytes(overall.total) })} · `
              : ''}
            {t('transfer.layersDone', { done: overall.layersDone, layers: overall.layers })}
          </span>
        </div>
        <Bar label={t('transfer.overall')} current={overall.current} total={overall.total} done={allDone} />
      </div>
      {layers.length === 0 && state.phase === 'running' && <p className="muted small">{t('transfer.starting')}</p>}
      {layers.length > 0 && (
        <ul className="transfer-layers" aria-label={t('transfer.progress')}>
          {layers.map((layer) => (
            <li key={layer.id} data-testid="layer-progress" data-id={layer.id} data-done={layer.done}>
              <div className="transfer-line">
                <span className="mono">{layer.id.slice(0, 12)}</span>
                <span className="muted small">
                  {layer.status}
                  {layer.total !== undefined
                    ? ` · ${formatBytes(layer.current ?? 0)} / ${formatBytes(layer.total)}`
                    : ''}
                </span>
              </div>
              <Bar
                label={t('transfer.layerLabel', { id: layer.id.slice(0, 12) })}
                current={layer.current ?? 0}
                total={layer.total ?? 0}
                done={layer.done}
              />
            </li>
          ))}
        </ul>
      )}
      {state.status && <p className="muted small mono transfer-status">{state.status}</p>}
    </div>
  );
}
