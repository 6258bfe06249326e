// Settings › Engine VM: the VM's state with Start/Stop, and what it is given
// (CPUs, memory, disk), when it starts and stops, and the shared folders.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSettings } from '../../../../runtime/domains/vm/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { plain } from './plain-error';
import { Spinner } from '../../components/Icons';
import { vmKeys } from './queries';
import { VmPanel } from './VmPanel';
import { useVmStatus } from './useVmStatus';
import { WslConfigNotice } from './WslConfigNotice';

type NumberField = 'cpus' | 'memoryMiB' | 'diskGiB' | 'idleStopMinutes';
const limits: Record<NumberField, [number, number]> = {
  cpus: [1, 64],
  memoryMiB: [512, 262_144],
  diskGiB: [4, 4096],
  idleStopMinutes: [0, 1440],
};

/** The number a field holds, or why it cannot be used. */
export function readNumberField(
  field: NumberField,
  text: string,
): { value: number } | { error: 'whole' | 'range'; min: number; max: number } {
  const [min, max] = limits[field];
  if (!/^\s*\d+\s*$/.test(text)) return { error: 'whole', min, max };
  const value = Number(text);
  return value < min || value > max ? { error: 'range', min, max } : { value };
}

export function VmSettingsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const status = useVmStatus();
  const settings = useQuery({ queryKey: vmKeys.settings(), queryFn: () => client.request('vm.settings', {}) });
  const [draft, setDraft] = useState<Record<NumberField, string>>({
    cpus: '',
    memoryMiB: '',
    diskGiB: '',
    idleStopMinutes: '',
  });
  const [newShare, setNewShare] = useState('');
  const save = useMutation({
    mutationFn: (patch: Partial<VmSettings>) => client.request('vm.updateSettings', patch),
    onSuccess: (next) => queryClient.setQueryData(vmKeys.settings(), next),
  });

  const s = settings.data;
  useEffect(() => {
    if (s)
      setDraft({
        cpus: String(s.cpus),
        memoryMiB: String(s.memoryMiB),
        diskGiB: String(s.diskGiB),
        idleStopMinutes: String(s.idleStopMinutes),
      });
  }, [s]);

  const read = (Object.keys(limits) as NumberField[]).map((f) => [f, readNumberField(f, draft[f])] as const);
  const invalid = read.filter(([, r]) => 'error' in r);
  const changed = s !== undefined && read.some(([f, r]) => 'value' in r && r.value !== s[f]);
  const running = status?.phase === 'running';

  const submit = () => {
    if (invalid.length > 0 || !s) return;
    const patch: Partial<VmSettings> = {};
    for (const [f, r] of read) if ('value' in r && r.value !== s[f]) patch[f] = r.value;
    save.mutate(patch);
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="vm-settings">
      <h2 id={`${id}-h`}>{t('vm.title')}</h2>
      <p className="muted small">{t('vm.explain')}</p>
      <VmPanel status={status} />
      {s && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={s.enabled}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ enabled: e.target.checked })}
            />
            <span>{t('vm.enabled')}</span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={s.autoStart}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ autoStart: e.target.checked })}
            />
            <span>{t('vm.autoStart')}</span>
          </label>
          <form
            className="vm-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <div className="vm-grid">
              {(['cpus', 'memoryMiB', 'diskGiB'] as const).map((f) => (
                <label key={f}>
                  <span>{t(`vm.field.${f}`)}</span>
                  <input
                    type="text"
                    inputMode="numeric"
                    value={draft[f]}
                    aria-invalid={'error' in readNumberField(f, draft[f]) ? true : undefined}
                    onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
                  />
                </label>
              ))}
            </div>
            <label className="vm-idle">
              <span>{t('vm.field.idleStopMinutes')}</span>
              <input
                type="text"
                inputMode="numeric"
                value={draft.idleStopMinutes}
                aria-invalid={'error' in readNumberField('idleStopMinutes', draft.idleStopMinutes) ? true : undefined}
                onChange={(e) => setDraft({ ...draft, idleStopMinutes: e.target.value })}
              />
              <span className="field-help">{t('vm.idleHelp')}</span>
            </label>
            {invalid.length > 0 && (
              <p className="field-error" role="alert">
                {invalid
                  .map(([f, r]) =>
                    'error' in r
                      ? t(`vm.invalid.${r.error}`, { field: t(`vm.field.${f}`), min: r.min, max: r.max })
                      : '',
                  )
                  .join(' ')}
              </p>
            )}
            <div className="button-row">
              <button
                type="submit"
                className="button button-primary"
                disabled={!changed || invalid.length > 0 || save.isPending}
              >
                {save.isPending && <Spinner size={14} />}
                {t('vm.save')}
              </button>
              {running && <span className="muted small">{t('vm.nextStart')}</span>}
            </div>
          </form>
          {status?.wslConfig && <WslConfigNotice config={status.wslConfig} />}
          <h3>{t('vm.shares')}</h3>
          <p className="muted small">{t('vm.sharesExplain')}</p>
          <p className="muted small" data-testid="vm-shares-data-never">
            {t('vm.sharesDataNever')}
          </p>
          <ul className="vm-share-list" aria-label={t('vm.shares')}>
            {s.shares.map((share) => (
              <li key={share.hostPath}>
                <code>{share.hostPath}</code>
                {share.readOnly && <span className="pill">{t('vm.readOnly')}</span>}
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('vm.removeShare', { path: share.hostPath })}
                  onClick={() => save.mutate({ shares: s.shares.filter((x) => x.hostPath !== share.hostPath) })}
                >
                  {t('vm.remove')}
                </button>
              </li>
            ))}
            {s.shares.length === 0 && <li className="muted small">{t('vm.noShares')}</li>}
          </ul>
          <form
            className="input-row"
            onSubmit={(e) => {
              e.preventDefault();
              const path = newShare.trim();
              if (path === '' || s.shares.some((x) => x.hostPath === path)) return;
              save.mutate(
                { shares: [...s.shares, { hostPath: path }] },
                { onSuccess: () => setNewShare((n) => (n.trim() === path ? '' : n)) },
              );
            }}
          >
            <input
              type="text"
              className="mono"
              spellCheck={false}
              aria-label={t('vm.sharePath')}
              placeholder="/Users/me/projects"
              value={newShare}
              onChange={(e) => setNewShare(e.target.value)}
            />
            <button type="submit" className="button" disabled={newShare.trim() === '' || save.isPending}>
              {t('vm.addShare')}
            </button>
          </form>
          {save.error && <ErrorAlert title={t('vm.saveFailed')} messages={[plain(save.error)]} />}
        </>
      )}
    </section>
  );
}
