// "Play a Kubernetes YAML": the editor (YAML mode) with an example Deployment
// and Service, Wharf's own check of the text as it is typed (each problem
// goes to its line), and Play / Take down with the podman command each runs.
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_KUBE_FILE, kubeDownCommand, kubePlayCommand } from '../../../../runtime/domains/pods/cli';
import { KubeFileName } from '../../../../runtime/domains/pods/contract';
import { checkKubeYaml } from '../../../../runtime/domains/pods/kube';
import { useClient } from '../../api/ClientProvider';
import { CommandBox } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { CodeEditor, type CodeEditorHandle } from '../files/CodeEditor';
import '../files/files.css';
import { EXAMPLE_FILE, EXAMPLE_YAML } from './example';
import { usePodAction } from './queries';

export function PlayPanel({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const editor = useRef<CodeEditorHandle>(null);
  const [text, setText] = useState(EXAMPLE_YAML);
  const [file, setFile] = useState(EXAMPLE_FILE);
  const [done, setDone] = useState<{ kind: 'play' | 'down'; names: string[] } | null>(null);
  const [running, setRunning] = useState<'play' | 'down' | null>(null);
  const [last, setLast] = useState<'play' | 'down'>('play');
  const { busy, error, setError, run } = usePodAction();
  const check = useMemo(() => checkKubeYaml(text), [text]);
  const fileOk = KubeFileName.safeParse(file).success;
  const shownFile = fileOk ? file : DEFAULT_KUBE_FILE;

  const act = async (kind: 'play' | 'down') => {
    setDone(null);
    setRunning(kind);
    setLast(kind);
    const result = await run(async () => {
      if (kind === 'play') {
        const played = await client.request('pods.play', { yaml: text, file: shownFile });
        return { ...played, names: played.pods.map((p) => p.name) };
      }
      const down = await client.request('pods.down', { yaml: text, file: shownFile });
      return { ...down, names: down.removed };
    });
    setRunning(null);
    if (result) setDone({ kind, names: result.names });
  };

  return (
    <section className="pods-panel" aria-labelledby={`${ids}-title`} data-testid="pods-play">
      <h2 id={`${ids}-title`}>{t('pods.play.title')}</h2>
      <p className="muted">{t('pods.play.intro')}</p>
      <div className="field pods-file">
        <label className="field-label" htmlFor={`${ids}-file`}>
          {t('pods.play.file')}
        </label>
        <input
          id={`${ids}-file`}
          type="text"
          className="mono"
          value={file}
          aria-invalid={!fileOk}
          onChange={(e) => setFile(e.target.value)}
        />
      </div>
      <CodeEditor
        editorRef={editor}
        initial={EXAMPLE_YAML}
        fileName={EXAMPLE_FILE}
        label={t('pods.play.editor')}
        onChange={setText}
        onSave={() => undefined}
      />
      <div
        className={check.ok ? 'pods-check pods-check-ok' : 'pods-check pods-check-problems'}
        role="status"
        data-testid="pods-check"
      >
        {check.ok ? (
          <p>{t('pods.play.ok')}</p>
        ) : (
          <>
            <p>{t('pods.play.problems')}</p>
            <ul>
              {check.problems.map((p, i) => (
                <li key={i}>
                  <button type="button" className="link-button" onClick={() => editor.current?.goTo(p.line, p.column)}>
                    {t('pods.play.goTo', { line: p.line })}
                  </button>{' '}
                  {t(`pods.problem.${p.key}`, p.params)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <CommandBox
        command={kubePlayCommand(shownFile)}
        valid
        fix=""
        copyLabel={t('pods.play.copy')}
        testId="pods-play-command"
      />
      <div className="toolbar-row">
        <button
          type="button"
          className="button button-primary"
          data-learn="pods.play"
          disabled={stale || busy || !check.ok}
          onClick={() => void act('play')}
        >
          {running === 'play' && <Spinner size={12} />}
          {t('pods.play.submit')}
        </button>
        <button
          type="button"
          className="button"
          disabled={stale || busy || !check.ok}
          aria-describedby={`${ids}-down`}
          onClick={() => void act('down')}
        >
          {running === 'down' && <Spinner size={12} />}
          {t('pods.play.down')}
        </button>
        <span id={`${ids}-down`} className="muted small">
          {t('pods.play.downHint')} <code>{kubeDownCommand(shownFile)}</code>
        </span>
      </div>
      {done && (
        <p className="notice" role="status" data-testid="pods-play-result">
          {done.names.length === 0 && done.kind === 'down'
            ? t('pods.play.removedNone')
            : t(done.kind === 'play' ? 'pods.play.made' : 'pods.play.removed', {
                count: done.names.length,
                names: done.names.join(', '),
              })}
        </p>
      )}
      {error && (
        <ErrorAlert
          title={t(last === 'down' ? 'pods.play.downFailed' : 'pods.play.failed')}
          messages={[error]}
          onDismiss={() => setError(null)}
        />
      )}
    </section>
  );
}
