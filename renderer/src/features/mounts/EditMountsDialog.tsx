// Edit a container's mounts: the whole list as it should be, the plan the
// runtime makes of it (exact commands, what survives and what does not),
// and only then the recreation.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { EditMountsResult, MountSpec } from '../../../../runtime/domains/mounts/types';
import { useClient } from '../../api/ClientProvider';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { mountKeys } from './queries';
import { toErrorLike } from '../files/useFileActions';
import { useRunner } from '../../lib/useRunner';

export function specsOf(container: ContainerSummary): MountSpec[] {
  const out: MountSpec[] = [];
  for (const m of container.mounts) {
    if (m.type === 'bind') out.push({ type: 'bind', source: m.source, target: m.destination, readOnly: m.readOnly });
    else if (m.type === 'volume')
      out.push({ type: 'volume', source: m.name ?? '', target: m.destination, readOnly: m.readOnly });
    else if (m.type === 'tmpfs') out.push({ type: 'tmpfs', target: m.destination, readOnly: m.readOnly });
  }
  return out;
}

function problemOf(m: MountSpec): string | null {
  if (!m.target.startsWith('/')) return 'mounts.edit.targetAbsolute';
  if (m.type === 'bind' && !(m.source ?? '').startsWith('/')) return 'mounts.edit.bindSource';
  return null;
}

export function EditMountsDialog({
  container,
  onDone,
}: {
  container: ContainerSummary;
  onDone: (result?: EditMountsResult) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [mounts, setMounts] = useState<MountSpec[]>(() => specsOf(container));
  const problems = mounts.map(problemOf);
  const valid = problems.every((p) => p === null);
  const plan = useQuery({
    queryKey: mountKeys.editPlan(container.id, mounts),
    queryFn: () => client.request('mounts.editPreview', { id: container.id, mounts }),
    enabled: valid,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: (previous) => previous,
  });
  const { busy, error, run } = useRunner();
  const set = (i: number, patch: Partial<MountSpec>) =>
    setMounts((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const confirm = async () => {
    const result = await run(() => client.request('mounts.edit', { id: container.id, mounts }));
    if (result) onDone(result);
  };

  return (
    <Dialog
      title={t('mounts.edit.title', { name: container.name })}
      onCancel={() => onDone()}
      footer={
        <>
          <button type="button" className="button" onClick={() => onDone()}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || !valid || !plan.data || plan.isFetching}
            onClick={() => void confirm()}
          >
            {busy ? t('mounts.edit.recreating') : t('mounts.edit.confirm')}
          </button>
        </>
      }
    >
      <div className="edit-mounts">
        <table className="table edit-mounts-table" aria-label={t('mounts.edit.tableName')}>
          <thead>
            <tr>
              <th>{t('mounts.edit.type')}</th>
              <th>{t('mounts.edit.source')}</th>
              <th>{t('mounts.edit.target')}</th>
              <th>{t('mounts.edit.readOnly')}</th>
              <th>
                <span className="visually-hidden">{t('mounts.edit.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mounts.map((m, i) => (
              <tr key={i} data-testid="edit-mount-row">
                <td>
                  <select
                    aria-label={t('mounts.edit.typeN', { n: i + 1 })}
                    value={m.type}
                    onChange={(e) => set(i, { type: e.target.value as MountSpec['type'] })}
                  >
                    <option value="volume">volume</option>
                    <option value="bind">bind</option>
                    <option value="tmpfs">tmpfs</option>
                  </select>
                </td>
                <td>
                  {m.type === 'tmpfs' ? (
                    <span className="muted small">{t('mounts.memory')}</span>
                  ) : (
                    <input
                      type="text"
                      className="mono"
                      aria-label={t('mounts.edit.sourceN', { n: i + 1 })}
                      placeholder={m.type === 'bind' ? '/host/path' : t('mounts.edit.volumePlaceholder')}
                      value={m.source ?? ''}
                      onChange={(e) => set(i, { source: e.target.value })}
                    />
                  )}
                </td>
                <td>
                  <input
                    type="text"
                    className="mono"
                    aria-label={t('mounts.edit.targetN', { n: i + 1 })}
                    placeholder="/data"
                    value={m.target}
                    onChange={(e) => set(i, { target: e.target.value })}
                  />
                  {problems[i] && <span className="field-error">{t(problems[i])}</span>}
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('mounts.edit.readOnlyN', { n: i + 1 })}
                    checked={m.readOnly ?? false}
                    onChange={(e) => set(i, { readOnly: e.target.checked })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    aria-label={t('mounts.edit.removeN', { n: i + 1 })}
                    onClick={() => setMounts((ms) => ms.filter((_, j) => j !== i))}
                  >
                    {t('actions.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="button button-small"
          onClick={() => setMounts((ms) => [...ms, { type: 'volume', source: '', target: '' }])}
        >
          {t('mounts.edit.add')}
        </button>
        {plan.error ? (
          <ErrorAlert title={t('mounts.edit.planFailed')} messages={[toErrorLike(plan.error)]} />
        ) : plan.data ? (
          <div className="edit-plan">
            {plan.data.restarts && <p className="notice">{t('mounts.edit.restarts')}</p>}
            <div className="edit-plan-cols">
              <div>
                <p className="field-label">{t('mounts.edit.survives')}</p>
                <ul className="plan-list plan-ok">
                  {plan.data.survives.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </div>
              <div>
                <p className="field-label">{t('mounts.edit.lost')}</p>
                <ul className="plan-list plan-lost">
                  {plan.data.lost.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </div>
            </div>
            <div className="command-preview">
              <span className="command-preview-label">{t('mounts.edit.commands')}</span>
              <code className="command-lines">{plan.data.commands.join('\n')}</code>
            </div>
          </div>
        ) : null}
        {error && <ErrorAlert title={t('mounts.edit.failed')} messages={[error]} />}
      </div>
    </Dialog>
  );
}
