// Clean up with a preview: choose the kinds, see exactly what would go and
// how much space comes back, confirm; only the previewed ids are sent, so
// anything made or started since stays. Volumes hold what users stored: they
// are off by default, and choosing them needs a second, spelled-out yes.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskPruneResult } from '../../../../runtime/domains/disk/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { formatBytes } from '../../lib/format';
import { useRunner } from '../../lib/useRunner';
import { toErrorLike } from '../files/useFileActions';
import { CleanupPreview } from './CleanupPreview';
import { type PruneSelection, diskKeys, usePrunePreview } from './queries';

const DEFAULTS: PruneSelection = {
  containers: true,
  images: 'dangling',
  volumes: 'none',
  buildCache: true,
  networks: true,
};

function Radios<V extends string>({
  name,
  legend,
  value,
  options,
  onChange,
}: {
  name: string;
  legend: string;
  value: V;
  options: Array<{ value: V; label: string; help?: string }>;
  onChange: (v: V) => void;
}) {
  return (
    <fieldset className="disk-choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <span>
            {o.label}
            {o.help && <span className="check-help">{o.help}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function CleanupDialog({ podman, onDone }: { podman: boolean; onDone: (result?: DiskPruneResult) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [selection, setSelection] = useState<PruneSelection>(DEFAULTS);
  const [dataLossOk, setDataLossOk] = useState(false);
  const set = (patch: Partial<PruneSelection>) => setSelection((s) => ({ ...s, ...patch }));
  const anything =
    selection.containers ||
    selection.images !== 'none' ||
    selection.volumes !== 'none' ||
    selection.buildCache ||
    selection.networks;
  const preview = usePrunePreview(selection, anything);
  const { busy, error, run } = useRunner();

  const ids = (kind: string) => preview.data?.parts.find((p) => p.kind === kind)?.items.map((i) => i.id) ?? [];
  const count = preview.data?.parts.reduce((n, p) => n + p.items.length, 0) ?? 0;
  const volumeCount = ids('volumes').length;
  const ready =
    anything && !preview.isFetching && preview.data !== undefined && count > 0 && (volumeCount === 0 || dataLossOk);

  const confirm = async () => {
    const result = await run(async () => {
      const r = await client.request('disk.prune', {
        containers: ids('containers'),
        images: ids('images'),
        volumes: ids('volumes'),
        buildCache: ids('buildCache'),
        networks: ids('networks'),
      });
      return { ...r, commands: r.parts.flatMap((p) => p.commands) };
    });
    await queryClient.invalidateQueries({ queryKey: diskKeys.all });
    if (result) onDone(result);
  };

  return (
    <ActionDialog
      title={t('disk.cleanupTitle')}
      onCancel={() => onDone()}
      action={
        busy
          ? t('disk.removing')
          : count > 0
            ? t('disk.removeConfirm', { count, size: formatBytes(preview.data?.bytes ?? 0) })
            : t('disk.removeNothing')
      }
      onAction={() => void confirm()}
      disabled={busy || !ready}
      busy={busy}
      tone="danger"
      focusAction={false}
    >
      <p className="muted small">{t('disk.cleanupIntro')}</p>
      <div className="disk-choices">
        <label className="check">
          <input
            type="checkbox"
            checked={selection.containers}
            onChange={(e) => set({ containers: e.target.checked })}
          />
          <span>
            {t('disk.pick.containers')}
            <span className="check-help">{t('disk.pick.containersHelp')}</span>
          </span>
        </label>
        <Radios
          name="disk-images"
          legend={t('disk.pick.images')}
          value={selection.images}
          onChange={(images) => set({ images })}
          options={[
            { value: 'none', label: t('disk.pick.keep') },
            { value: 'dangling', label: t('disk.pick.dangling'), help: t('disk.pick.danglingHelp') },
            { value: 'all', label: t('disk.pick.allImages'), help: t('disk.pick.allImagesHelp') },
          ]}
        />
        <Radios
          name="disk-volumes"
          legend={t('disk.pick.volumes')}
          value={selection.volumes}
          onChange={(volumes) => {
            set({ volumes });
            setDataLossOk(false);
          }}
          options={[
            { value: 'none', label: t('disk.pick.keep') },
            { value: 'anonymous', label: t('disk.pick.anonymous'), help: t('disk.pick.anonymousHelp') },
            { value: 'all', label: t('disk.pick.allVolumes'), help: t('disk.pick.allVolumesHelp') },
          ]}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={selection.buildCache}
            disabled={podman}
            onChange={(e) => set({ buildCache: e.target.checked })}
          />
          <span>
            {t('disk.pick.buildCache')}
            <span className="check-help">{podman ? t('disk.noBuildCache') : t('disk.pick.buildCacheHelp')}</span>
          </span>
        </label>
        <label className="check">
          <input type="checkbox" checked={selection.networks} onChange={(e) => set({ networks: e.target.checked })} />
          <span>
            {t('disk.pick.networks')}
            <span className="check-help">{t('disk.pick.networksHelp')}</span>
          </span>
        </label>
      </div>

      {!anything ? (
        <p>{t('disk.pickSomething')}</p>
      ) : preview.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('disk.looking')}
        </p>
      ) : preview.error ? (
        <ErrorAlert title={t('disk.previewFailed')} messages={[toErrorLike(preview.error)]} />
      ) : preview.data ? (
        <CleanupPreview preview={preview.data} selection={selection} updating={preview.isFetching} />
      ) : null}

      {volumeCount > 0 && (
        <div className="disk-data-loss" role="alert">
          <p>{t('disk.dataLoss', { count: volumeCount })}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={dataLossOk}
              onChange={(e) => setDataLossOk(e.target.checked)}
              data-testid="disk-data-loss-ok"
            />
            <span>{t('disk.dataLossOk', { count: volumeCount })}</span>
          </label>
        </div>
      )}
      {error && <ErrorAlert title={t('disk.cleanupFailed')} messages={[error]} />}
    </ActionDialog>
  );
}
