// "Generate YAML from what runs": podman kube generate for a container, a
// pod or a compose project's containers, the YAML shown to read and copy.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kubeGenerateCommand } from '../../../../runtime/domains/pods/cli';
import type { PodSummary } from '../../../../runtime/domains/pods/types';
import { useClient } from '../../api/ClientProvider';
import { CommandBox } from '../../components/CommandLine';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { useComposeProjects } from '../compose/queries';
import { useContainers } from '../containers/queries';
import { usePodAction } from './queries';

type Target = { kind: 'container' | 'pod'; name: string } | { kind: 'compose'; project: string };

function parse(value: string): Target | null {
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const name = value.slice(at + 1);
  if (name === '') return null;
  if (kind === 'compose') return { kind, project: name };
  return kind === 'container' || kind === 'pod' ? { kind, name } : null;
}

export function GeneratePanel({ pods, stale }: { pods: readonly PodSummary[]; stale: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const containers = useContainers().data ?? [];
  const projects = useComposeProjects().data ?? [];
  const [value, setValue] = useState('');
  const [service, setService] = useState(false);
  const [result, setResult] = useState<{ yaml: string; command: string } | null>(null);
  const { busy, error, setError, run } = usePodAction();
  const target = parse(value);
  // Pods' own containers are generated through their pod: only the others are offered.
  const inPods = new Set(pods.flatMap((p) => p.containers.map((c) => c.id)));
  const loose = containers.filter((c) => !inPods.has(c.id));
  const preview = target
    ? kubeGenerateCommand([target.kind === 'compose' ? target.project : target.name], service)
    : undefined;

  const generate = async () => {
    if (!target) return;
    setResult(null);
    const generated = await run(() => client.request('pods.generate', { target, service }));
    if (generated) setResult({ yaml: generated.yaml, command: generated.commands[0] ?? '' });
  };

  return (
    <section className="pods-panel" aria-labelledby={`${ids}-title`} data-testid="pods-generate">
      <h2 id={`${ids}-title`}>{t('pods.generate.title')}</h2>
      <p className="muted">{t('pods.generate.intro')}</p>
      <div className="pods-generate-row">
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-source`}>
            {t('pods.generate.source')}
          </label>
          <select id={`${ids}-source`} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">{t('pods.generate.pick')}</option>
            {pods.length > 0 && (
              <optgroup label={t('pods.generate.pods')}>
                {pods.map((p) => (
                  <option key={p.id} value={`pod:${p.name}`}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            )}
            {loose.length > 0 && (
              <optgroup label={t('pods.generate.containers')}>
                {loose.map((c) => (
                  <option key={c.id} value={`container:${c.name}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            )}
            {projects.length > 0 && (
              <optgroup label={t('pods.generate.projects')}>
                {projects
                  .filter((p) => p.containers.total > 0)
                  .map((p) => (
                    <option key={p.name} value={`compose:${p.name}`}>
                      {p.name}
                    </option>
                  ))}
              </optgroup>
            )}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={service} onChange={(e) => setService(e.target.checked)} />
          {t('pods.generate.service')}
        </label>
        <button
          type="button"
          className="button"
          disabled={stale || busy || target === null}
          onClick={() => void generate()}
        >
          {busy && <Spinner size={12} />}
          {t('pods.generate.submit')}
        </button>
      </div>
      <CommandBox
        command={result?.command ?? preview}
        valid={target !== null}
        fix={t('pods.generate.pick')}
        copyLabel={t('pods.play.copy')}
        testId="pods-generate-command"
      />
      {error && <ErrorAlert title={t('pods.generate.failed')} messages={[error]} onDismiss={() => setError(null)} />}
      {result && (
        <div className="pods-yaml">
          <div className="pods-yaml-head">
            <h3>{t('pods.generate.result')}</h3>
            <CopyButton text={result.yaml} label={t('pods.generate.copy')} />
          </div>
          <pre
            className="mono"
            role="region"
            tabIndex={0}
            aria-label={t('pods.generate.result')}
            data-testid="pods-generated"
          >
            {result.yaml}
          </pre>
        </div>
      )}
    </section>
  );
}
