// Build an image: a folder on the runtime's machine (its .dockerignore is
// honoured) or a pasted Dockerfile; tags, build arguments, target; the
// `docker build` command shown live; then the build's log, each step from the
// cache or not, and the summary or the failing step.
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { CommandBox } from '../../components/CommandLine';
import { Spinner } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { imageKeys } from '../images/queries';
import { isConnected, useEngineState } from '../engine/queries';
import { KeyValueRows } from '../volumes/KeyValueRows';
import { BuildExplainer } from './BuildExplainer';
import { BuildOutput, failureTitle } from './BuildOutput';
import { type BuildDraft, emptyBuildDraft, toBuildInput } from './build-input';
import { useBuild } from './useBuild';
import { useNextBuilder } from './queries';
import { useContextUpload } from './useContextUpload';
import { formatBytes } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import '../run/run.css';
import './build.css';

export function BuildPage() {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const connected = isConnected(useEngineState().data);
  const [draft, setDraft] = useState<BuildDraft>(emptyBuildDraft);
  const [tried, setTried] = useState(false);
  const { state, start, cancel } = useBuild();
  const next = useNextBuilder(draft.classic);
  const folderPicker = useRef<HTMLInputElement>(null);
  const pick = useContextUpload();
  const { input, problems } = useMemo(() => toBuildInput(draft), [draft]);
  const shown = { ...problems };
  // Empty required fields are not wrong until the user tries to build.
  if (!tried) for (const k of ['folder', 'text']) if (shown[k]?.key.endsWith('Missing')) delete shown[k];
  const valid = Object.keys(problems).length === 0;

  const described = useQuery({
    queryKey: imageKeys.describeBuild(input),
    queryFn: () => client.request('images.describe', { action: 'build', ...input }),
    enabled: valid,
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous) => previous,
  });
  const command = valid ? described.data?.command : undefined;
  const set = <K extends keyof BuildDraft>(key: K, value: BuildDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const building = state.phase === 'building';

  const submit = () => {
    setTried(true);
    if (valid) start(input);
  };

  const problem = (path: string) =>
    shown[path] && (
      <span className="field-error" data-testid="field-error" data-field={path} id={`${ids}-${path}-problem`}>
        {t(`build.errors.${shown[path].key}`, shown[path].params ?? {})}
      </span>
    );
  const invalid = (path: string) =>
    shown[path] ? { 'aria-invalid': true as const, 'aria-describedby': `${ids}-${path}-problem` } : {};

  return (
    <section className="page run-page" aria-labelledby="build-title">
      <PageHeader id="build-title" title={t('build.title')}>
        <p className="page-intro">{t('build.intro')}</p>
        <BuildExplainer />
      </PageHeader>
      <div className="run-layout">
        <form
          className="run-form"
          aria-label={t('build.formName')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className="run-section">
            <legend>{t('build.source.title')}</legend>
            <p className="run-section-intro">{t('build.source.intro')}</p>
            <div className="build-source" role="radiogroup" aria-label={t('build.source.title')}>
              <label className="check">
                <input
                  type="radio"
                  name={`${ids}-source`}
                  checked={draft.source === 'folder'}
                  onChange={() => set('source', 'folder')}
                />
                <span>{t('build.source.folder')}</span>
              </label>
              <label className="check">
                <input
                  type="radio"
                  name={`${ids}-source`}
                  checked={draft.source === 'dockerfile'}
                  onChange={() => set('source', 'dockerfile')}
                />
                <span>{t('build.source.paste')}</span>
              </label>
            </div>
            {draft.source === 'folder' ? (
              <>
                <div className="run-field">
                  <div className="run-field-head">
                    <label htmlFor={`${ids}-folder`}>{t('build.fields.folder')}</label>
                    <code className="run-flag">PATH</code>
                  </div>
                  <div className="input-row">
                    <input
                      id={`${ids}-folder`}
                      type="text"
                      className="mono"
                      placeholder="/home/me/app"
                      value={draft.folder}
                      onChange={(e) => set('folder', e.target.value)}
                      {...invalid('folder')}
                    />
                    <button
                      type="button"
                      className="button"
                      disabled={pick.progress !== null || !connected}
                      onClick={() => folderPicker.current?.click()}
                    >
                      {t('build.pick.button')}
                    </button>
                    <input
                      ref={folderPicker}
                      type="file"
                      hidden
                      data-testid="build-folder-picker"
                      {...{ webkitdirectory: '' }}
                      onChange={(e) => {
                        const files = [...(e.target.files ?? [])];
                        e.target.value = '';
                        void pick.upload(files).then((path) => {
                          if (path !== null) set('folder', path);
                        });
                      }}
                    />
                  </div>
                  {problem('folder')}
                  {pick.progress && pick.picked && (
                    <p className="notice" role="status">
                      <Spinner size={12} />{' '}
                      {t('build.pick.copying', {
                        name: pick.picked.name,
                        done: pick.progress.files,
                        count: pick.picked.files,
                        size: formatBytes(pick.progress.bytes),
                      })}
                    </p>
                  )}
                  {!pick.progress && pick.picked?.path !== undefined && draft.folder === pick.picked.path && (
                    <p className="field-help" data-testid="build-picked">
                      {t('build.pick.copied', {
                        name: pick.picked.name,
                        count: pick.picked.files,
                        size: formatBytes(pick.picked.bytes),
                      })}
                    </p>
                  )}
                  {pick.error && <ErrorAlert title={t('build.pick.failed')} messages={[pick.error]} />}
                  <span className="field-help">{t('build.help.folder')}</span>
                </div>
                <div className="run-field">
                  <div className="run-field-head">
                    <label htmlFor={`${ids}-dockerfile`}>{t('build.fields.dockerfile')}</label>
                    <code className="run-flag">-f</code>
                  </div>
                  <input
                    id={`${ids}-dockerfile`}
                    type="text"
                    className="mono"
                    placeholder="Dockerfile"
                    value={draft.dockerfile}
                    onChange={(e) => set('dockerfile', e.target.value)}
                  />
                  <span className="field-help">{t('build.help.dockerfile')}</span>
                </div>
              </>
            ) : (
              <div className="run-field">
                <div className="run-field-head">
                  <label htmlFor={`${ids}-text`}>{t('build.fields.text')}</label>
                </div>
                <textarea
                  id={`${ids}-text`}
                  className="mono code-textarea build-text"
                  rows={9}
                  placeholder={'FROM busybox\nRUN echo hello > /hello.txt\nCMD ["cat", "/hello.txt"]'}
                  value={draft.text}
                  onChange={(e) => set('text', e.target.value)}
                  {...invalid('text')}
                />
                {problem('text')}
                <span className="field-help">{t('build.help.text')}</span>
              </div>
            )}
          </fieldset>
          <fieldset className="run-section">
            <legend>{t('build.options.title')}</legend>
            <div className="run-field">
              <div className="run-field-head">
                <label htmlFor={`${ids}-tags`}>{t('build.fields.tags')}</label>
                <code className="run-flag">-t</code>
              </div>
              <input
                id={`${ids}-tags`}
                type="text"
                className="mono"
                placeholder="me/app:1.0"
                value={draft.tags}
                onChange={(e) => set('tags', e.target.value)}
                {...invalid('tags')}
              />
              {problem('tags')}
              <span className="field-help">{t('build.help.tags')}</span>
            </div>
            <KeyValueRows
              legend={t('build.fields.buildArgs')}
              pairs={draft.buildArgs}
              onChange={(p) => set('buildArgs', p)}
            />
            {draft.buildArgs.map((_, i) => problem(`buildArgs.${i}`))}
            <span className="field-help">{t('build.help.buildArgs')}</span>
            <div className="run-field">
              <div className="run-field-head">
                <label htmlFor={`${ids}-target`}>{t('build.fields.target')}</label>
                <code className="run-flag">--target</code>
              </div>
              <input
                id={`${ids}-target`}
                type="text"
                className="mono"
                placeholder={t('build.placeholders.target')}
                value={draft.target}
                onChange={(e) => set('target', e.target.value)}
                {...invalid('target')}
              />
              {problem('target')}
              <span className="field-help">{t('build.help.target')}</span>
            </div>
            <label className="check">
              <input type="checkbox" checked={draft.noCache} onChange={(e) => set('noCache', e.target.checked)} />
              <span>
                {t('build.fields.noCache')} <code className="run-flag">--no-cache</code>
                <span className="check-help">{t('build.help.noCache')}</span>
              </span>
            </label>
            <label className="check">
              <input type="checkbox" checked={draft.classic} onChange={(e) => set('classic', e.target.checked)} />
              <span>
                {t('build.fields.classic')} <code className="run-flag">DOCKER_BUILDKIT=0</code>
                <span className="check-help">{t('build.help.classic')}</span>
              </span>
            </label>
          </fieldset>
        </form>
        <aside className="run-aside">
          <section className="run-card" aria-labelledby={`${ids}-cmd`}>
            <h2 id={`${ids}-cmd`}>{t('build.command.title')}</h2>
            <CommandBox
              command={command}
              valid={valid}
              fix={t('build.command.fix')}
              copyLabel={t('build.command.copy')}
              testId="build-command"
            />
            {draft.source === 'dockerfile' && <p className="field-help">{t('build.command.stdin')}</p>}
            {next.data && (
              <p className="field-help" data-testid="build-next-builder" data-builder={next.data.builder}>
                <strong>{t('build.builder.next', { name: t(`build.builder.name.${next.data.builder}`) })}</strong>{' '}
                {t(`build.builder.reason.${next.data.reason}`)}
              </p>
            )}
            {tried && !valid && (
              <p className="field-error" role="alert">
                {t('build.command.invalid', { count: Object.keys(problems).length })}
              </p>
            )}
            {state.phase !== 'idle' && (
              <p className={`build-brief build-brief-${state.phase}`} aria-hidden="true">
                {state.phase === 'building' && t('build.building')}
                {state.phase === 'done' &&
                  state.summary &&
                  t('build.summary', { cached: state.summary.cachedSteps, count: state.summary.totalSteps })}
                {state.phase === 'failed' && failureTitle(t, state)}
                {state.phase === 'stopped' && t('build.stopped')}
              </p>
            )}
            {building ? (
              <button type="button" className="button run-button" onClick={cancel}>
                <Spinner size={14} /> {t('build.stop')}
              </button>
            ) : (
              <button
                type="button"
                className="button button-primary run-button"
                data-learn="build.submit"
                disabled={!connected || pick.progress !== null}
                onClick={submit}
              >
                {t('build.build')}
              </button>
            )}
          </section>
        </aside>
      </div>
      <BuildOutput state={state} />
    </section>
  );
}
