// Change a container's restart policy and limits while it runs (docker
// update). Each field shows what is set now; only what the user changes is
// sent, and the command says exactly that.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { containerUpdateCommand } from '../../../../runtime/domains/containers/cli';
import type { ContainerDetails, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { CommandPreview } from '../../components/CommandPreview';
import { FormError } from '../../components/FormError';
import { useRunner } from '../../lib/useRunner';
import { type LimitsDraft, type RestartName, currentLimits, toUpdateInput } from './update-form';

type Key = 'memory' | 'memorySwap' | 'cpus' | 'pidsLimit';

const PLACEHOLDERS: Record<Key, string> = { memory: '256m', memorySwap: '512m', cpus: '0.5', pidsLimit: '200' };
const FLAGS: Record<Key, string> = {
  memory: '--memory',
  memorySwap: '--memory-swap',
  cpus: '--cpus',
  pidsLimit: '--pids-limit',
};

export function UpdateDialog({
  container,
  details,
  onDone,
}: {
  container: ContainerSummary;
  details: ContainerDetails;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const now = currentLimits(details);
  const [draft, setDraft] = useState<LimitsDraft>(now);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useRunner();
  const { input, problems } = toUpdateInput(container.id, now, draft);
  const set = <K extends keyof LimitsDraft>(k: K, v: LimitsDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const nothing = input === undefined && problems.form === 'nothing';
  const fieldProblems = Object.entries(problems).filter(([k]) => k !== 'form');

  const submit = async () => {
    setTried(true);
    if (input === undefined) return;
    const result = await run(async () => {
      const r = await client.request('containers.update', input);
      return { ...r, commands: [r.command] };
    });
    if (result) onDone();
  };

  const shownNow = (k: Key) => (now[k] === '' ? t('containerActions.update.noLimit') : now[k]);
  const field = (k: Key) => {
    const problem = problems[k];
    return (
      <div className="field" key={k}>
        <label className="field-label" htmlFor={`${ids}-${k}`}>
          {t(`containerActions.update.fields.${k}`)} <code className="run-flag">{FLAGS[k]}</code>
        </label>
        <input
          id={`${ids}-${k}`}
          type="text"
          className="mono"
          inputMode={k === 'cpus' ? 'decimal' : k === 'pidsLimit' ? 'numeric' : undefined}
          placeholder={PLACEHOLDERS[k]}
          value={draft[k]}
          aria-invalid={problem !== undefined}
          aria-describedby={`${ids}-${k}-help`}
          onChange={(e) => set(k, e.target.value)}
        />
        <span id={`${ids}-${k}-help`} className={problem ? 'field-error' : 'check-help'}>
          {problem
            ? t(`containerActions.update.errors.${problem}`)
            : `${t('containerActions.update.now', { value: shownNow(k) })} ${t(`containerActions.update.help.${k}`)}`}
        </span>
      </div>
    );
  };

  return (
    <ActionDialog
      title={t('containerActions.update.title', { name: container.name })}
      onCancel={onDone}
      action={busy ? t('containerActions.update.running') : t('containerActions.update.action')}
      onAction={() => void submit()}
      disabled={busy || fieldProblems.length > 0 || nothing}
      formId={`${ids}-form`}
      busy={busy}
    >
      <p className="muted small">{t('containerActions.update.explain')}</p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-restart`}>
          {t('containerActions.update.fields.restart')} <code className="run-flag">--restart</code>
        </label>
        <select
          id={`${ids}-restart`}
          value={draft.restart}
          data-autofocus
          aria-describedby={`${ids}-restart-help`}
          onChange={(e) => set('restart', e.target.value as RestartName)}
        >
          <option value="no">{t('run.restart.no')}</option>
          <option value="always">{t('run.restart.always')}</option>
          <option value="unless-stopped">{t('run.restart.unlessStopped')}</option>
          <option value="on-failure">{t('run.restart.onFailure')}</option>
        </select>
        <span id={`${ids}-restart-help`} className="check-help">
          {t('containerActions.update.now', { value: t(`run.restart.${restartKey(now.restart)}`) })}{' '}
          {t(`run.help.restart_${draft.restart.replace('-', '_')}`)}
        </span>
      </div>
      {draft.restart === 'on-failure' && (
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-retries`}>
            {t('run.fields.restartMaxRetries')}
          </label>
          <input
            id={`${ids}-retries`}
            type="text"
            inputMode="numeric"
            className="mono"
            placeholder="0"
            value={draft.restartMaxRetries}
            aria-invalid={problems.restartMaxRetries !== undefined}
            onChange={(e) => set('restartMaxRetries', e.target.value)}
          />
          {problems.restartMaxRetries && (
            <span className="field-error">{t(`containerActions.update.errors.${problems.restartMaxRetries}`)}</span>
          )}
        </div>
      )}
      <div className="run-two">
        {field('memory')}
        {field('memorySwap')}
      </div>
      <div className="run-two">
        {field('cpus')}
        {field('pidsLimit')}
      </div>
      {tried && nothing && (
        <p className="field-error" role="alert">
          {t('containerActions.update.errors.nothing')}
        </p>
      )}
      <FormError error={error} />
      <CommandPreview
        command={
          input !== undefined ? containerUpdateCommand(container.name, input) : t('containerActions.update.noCommand')
        }
      />
    </ActionDialog>
  );
}

const restartKey = (r: RestartName) =>
  r === 'unless-stopped' ? 'unlessStopped' : r === 'on-failure' ? 'onFailure' : r;
