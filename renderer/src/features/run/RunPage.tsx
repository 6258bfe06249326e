// Run a container from an image: a form with every `docker run` flag Wharf
// supports, each explained; the matching command shown live and copyable; a
// pasted command fills the form; after Run, the new container's page.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunForm } from '../../../../runtime/domains/run/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBox } from '../../components/CommandLine';
import { PlayIcon, Spinner } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { runKeys } from './queries';
import { isConnected, useEngineState } from '../engine/queries';
import { useContainers } from '../containers/queries';
import { useImages } from '../images/queries';
import { useVolumes } from '../volumes/queries';
import type { ErrorLike } from '../../lib/localize-error';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import { useNetworks } from '../networks/queries';
import { Field, Section, invalidProps } from './Field';
import { PasteCommand } from './PasteCommand';
import { RunExplainer } from './RunExplainer';
import { DuplicateNotice } from './DuplicateNotice';
import { LabelsSection } from './RunLabels';
import { HealthSection } from './HealthSection';
import { EnvSection, MountsSection, PortsSection } from './RunRows';
import { type Problems, type RunDraft, emptyDraft, fromRunForm, takenPorts, toRunForm } from './run-draft';
import './run.css';

export function RunPage({ image, from }: { image?: string | undefined; from?: string | undefined }) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const connected = isConnected(useEngineState().data);
  const [draft, setDraft] = useState<RunDraft>(() => emptyDraft(image ?? ''));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<(ErrorLike & { code?: string }) | null>(null);

  const containers = useContainers().data;
  const images = useImages().data;
  const volumes = useVolumes().data;
  const networks = useNetworks();

  const { form, problems: own } = useMemo(() => toRunForm(draft), [draft]);
  const problems: Problems = { ...own };
  for (const [path, holder] of Object.entries(takenPorts(draft.ports, containers ?? []))) {
    problems[path] ??= {
      key: 'portTaken',
      params: { value: draft.ports[Number(path.split('.')[1])]?.hostPort ?? '', holder },
    };
  }
  // An empty image is not wrong until the user tries to run.
  const shown: Problems = { ...problems };
  if (!tried && shown.image?.key === 'imageMissing') delete shown.image;
  const valid = Object.keys(problems).length === 0;

  const described = useQuery({
    queryKey: runKeys.describe(form),
    queryFn: () => client.request('run.describe', form),
    enabled: valid,
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous) => previous,
  });
  const command = valid ? described.data?.command : undefined;

  const set = <K extends keyof RunDraft>(key: K, value: RunDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setError(null);
  };

  const submit = async () => {
    setTried(true);
    setError(null);
    if (!valid) return;
    setBusy(true);
    try {
      const result = await client.request('run.start', form);
      useUi.getState().pushCommand(result.command);
      navigate(hrefTo('containers', result.id));
    } catch (e) {
      setError(toErrorLike(e));
    } finally {
      setBusy(false);
    }
  };

  // A taken port is the runtime's last check before anything is created: say it in the UI's language.
  const shownError = (e: ErrorLike): ErrorLike => {
    if (e.key !== 'run.portTaken') return e;
    const value = e.params?.port ?? '';
    const holder = e.params?.holder ?? '';
    return {
      message: holder !== '' ? t('run.errors.portTaken', { value, holder }) : t('run.errors.portTakenOther', { value }),
      hint: t('run.errors.portTakenHint'),
    };
  };

  const fill = useCallback((f: RunForm) => {
    setDraft(fromRunForm(f));
    setError(null);
    setTried(false);
  }, []);

  const imageTags = useMemo(
    () => (images ?? []).flatMap((i) => i.repoTags.filter((r) => r !== '<none>:<none>')).sort(),
    [images],
  );
  const volumeNames = useMemo(() => (volumes ?? []).map((v) => v.name).sort(), [volumes]);
  const input = (
    key: 'image' | 'name' | 'command' | 'entrypoint' | 'cpus' | 'memory' | 'workdir' | 'user' | 'hostname',
    placeholder: string,
    extra: Record<string, unknown> = {},
  ) => (
    <input
      id={`${ids}-${key}`}
      type="text"
      className="mono"
      placeholder={placeholder}
      value={draft[key]}
      onChange={(e) => set(key, e.target.value)}
      {...invalidProps(key, shown[key])}
      {...extra}
    />
  );
  const field = (
    key: 'image' | 'name' | 'command' | 'entrypoint' | 'cpus' | 'memory' | 'workdir' | 'user' | 'hostname',
    flag: string | undefined,
    placeholder: string,
    extra: Record<string, unknown> = {},
  ) => (
    <Field
      id={`${ids}-${key}`}
      label={t(`run.fields.${key}`)}
      {...(flag !== undefined ? { flag } : {})}
      help={t(`run.help.${key}`)}
      path={key}
      problem={shown[key]}
    >
      {input(key, placeholder, extra)}
    </Field>
  );
  const check = (key: 'interactive' | 'tty' | 'remove', flag: string) => (
    <div className="run-check">
      <label className="check">
        <input
          type="checkbox"
          checked={draft[key]}
          onChange={(e) => set(key, e.target.checked)}
          {...invalidProps(key, shown[key as 'remove'])}
        />
        <span>
          {t(`run.fields.${key}`)} <code className="run-flag">{flag}</code>
          <span className="check-help">{t(`run.help.${key}`)}</span>
        </span>
      </label>
      {shown[key] && (
        <span className="field-error" data-testid="field-error" data-field={key}>
          {t(`run.errors.${shown[key].key}`)}
        </span>
      )}
    </div>
  );

  return (
    <section className="page run-page" aria-labelledby="run-title">
      <PageHeader id="run-title" title={t('run.title')}>
        <p className="page-intro">{t('run.intro')}</p>
        <RunExplainer />
      </PageHeader>
      {from !== undefined && <DuplicateNotice from={from} onFill={fill} />}
      <div className="run-layout">
        <form
          className="run-form"
          aria-label={t('run.formName')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Section title={t('run.basics.title')} intro={t('run.basics.intro')}>
            <datalist id="run-image-names">
              {imageTags.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
            {field('image', undefined, 'wharf-test/shell:latest', {
              list: 'run-image-names',
              'data-learn': 'run.image',
            })}
            {field('name', '--name', t('run.placeholders.name'), { 'data-learn': 'run.name' })}
            {field('command', undefined, `sh -c 'echo hello && sleep 3600'`, { 'data-learn': 'run.command' })}
            {field('entrypoint', '--entrypoint', t('run.placeholders.entrypoint'))}
          </Section>
          <PortsSection ports={draft.ports} problems={shown} onChange={(p) => set('ports', p)} />
          <EnvSection env={draft.env} problems={shown} onChange={(e) => set('env', e)} />
          <MountsSection
            volumes={draft.volumes}
            problems={shown}
            volumeNames={volumeNames}
            onChange={(v) => set('volumes', v)}
          />
          <LabelsSection labels={draft.labels} problems={shown} onChange={(l) => set('labels', l)} />
          <Section title={t('run.network.title')} intro={t('run.network.intro')}>
            <Field
              id={`${ids}-network`}
              label={t('run.fields.network')}
              flag="--network"
              help={t('run.help.network')}
              path="network"
              problem={undefined}
            >
              <select id={`${ids}-network`} value={draft.network} onChange={(e) => set('network', e.target.value)}>
                <option value="">{t('run.network.default')}</option>
                {(networks.data ?? []).map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name} ({n.driver})
                  </option>
                ))}
                {draft.network !== '' && !(networks.data ?? []).some((n) => n.name === draft.network) && (
                  <option value={draft.network}>{draft.network}</option>
                )}
              </select>
            </Field>
            <Field
              id={`${ids}-restart`}
              label={t('run.fields.restart')}
              flag="--restart"
              help={t(`run.help.restart_${draft.restart.replace('-', '_')}`)}
              path="restart"
              problem={undefined}
            >
              <select
                id={`${ids}-restart`}
                value={draft.restart}
                onChange={(e) => set('restart', e.target.value as RunDraft['restart'])}
              >
                <option value="no">{t('run.restart.no')}</option>
                <option value="always">{t('run.restart.always')}</option>
                <option value="unless-stopped">{t('run.restart.unlessStopped')}</option>
                <option value="on-failure">{t('run.restart.onFailure')}</option>
              </select>
            </Field>
            {draft.restart === 'on-failure' && (
              <Field
                id={`${ids}-retries`}
                label={t('run.fields.restartMaxRetries')}
                flag="on-failure:N"
                help={t('run.help.restartMaxRetries')}
                path="restartMaxRetries"
                problem={shown.restartMaxRetries}
              >
                <input
                  id={`${ids}-retries`}
                  type="text"
                  inputMode="numeric"
                  className="mono"
                  placeholder="0"
                  value={draft.restartMaxRetries}
                  onChange={(e) => set('restartMaxRetries', e.target.value)}
                  {...invalidProps('restartMaxRetries', shown.restartMaxRetries)}
                />
              </Field>
            )}
          </Section>
          <Section title={t('run.terminal.title')} intro={t('run.terminal.intro')}>
            {check('interactive', '-i')}
            {check('tty', '-t')}
            {check('remove', '--rm')}
          </Section>
          <Section title={t('run.resources.title')} intro={t('run.resources.intro')}>
            <div className="run-two">
              {field('cpus', '--cpus', '0.5', { inputMode: 'decimal' })}
              {field('memory', '-m', '256m')}
            </div>
          </Section>
          <HealthSection health={draft.health} problems={shown} onChange={(h) => set('health', h)} />
          <Section title={t('run.more.title')} intro={t('run.more.intro')}>
            <div className="run-two">
              {field('workdir', '-w', '/app')}
              {field('user', '-u', '1000:1000')}
            </div>
            {field('hostname', '--hostname', t('run.placeholders.hostname'))}
          </Section>
        </form>
        <aside className="run-aside">
          <section className="run-card run-command-card" aria-labelledby={`${ids}-cmd`}>
            <h2 id={`${ids}-cmd`}>{t('run.command.title')}</h2>
            <CommandBox
              command={command}
              valid={valid}
              fix={t('run.command.fix')}
              copyLabel={t('run.command.copy')}
              testId="run-command"
            />
            <p className="field-help">{t('run.command.help')}</p>
            {tried && !valid && (
              <p className="field-error" role="alert">
                {t('run.command.invalid', { count: Object.keys(problems).length })}
              </p>
            )}
            {error && (
              <ErrorAlert title={t('run.failed')} messages={[shownError(error)]} onDismiss={() => setError(null)} />
            )}
            <button
              type="button"
              className="button button-primary run-button"
              data-learn="run.submit"
              disabled={busy || !connected}
              onClick={() => void submit()}
            >
              {busy ? <Spinner size={14} /> : <PlayIcon size={14} />}
              {busy ? t('run.running') : t('run.run')}
            </button>
          </section>
          <PasteCommand onFill={fill} />
        </aside>
      </div>
    </section>
  );
}
