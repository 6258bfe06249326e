// The repeating parts of the run form: ports, environment and mounts.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { toErrorLike } from '../files/useFileActions';
import { Problem, Section, invalidProps } from './Field';
import { type PortDraft, type Problems, type VolumeDraft, emptyPort, emptyVolume } from './run-draft';

function update<T>(rows: readonly T[], i: number, patch: Partial<T>): T[] {
  return rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
}

export function PortsSection({
  ports,
  problems,
  onChange,
}: {
  ports: PortDraft[];
  problems: Problems;
  onChange: (p: PortDraft[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('run.ports.title')} flag="-p" intro={t('run.ports.intro')}>
      {ports.length > 0 && (
        <div className="run-rows">
          <div className="run-row run-row-head run-port-row" aria-hidden="true">
            <span>{t('run.ports.hostIp')}</span>
            <span>{t('run.ports.hostPort')}</span>
            <span>{t('run.ports.containerPort')}</span>
            <span>{t('run.ports.protocol')}</span>
            <span />
          </div>
          {ports.map((p, i) => {
            const n = String(i + 1);
            const at = (field: string) => `ports.${i}.${field}`;
            return (
              <div key={i} className="run-row-block" data-testid="port-row">
                <div className="run-row run-port-row">
                  <input
                    type="text"
                    className="mono"
                    aria-label={t('run.ports.hostIpN', { n })}
                    placeholder="0.0.0.0"
                    value={p.hostIp}
                    onChange={(e) => onChange(update(ports, i, { hostIp: e.target.value }))}
                    {...invalidProps(at('hostIp'), problems[at('hostIp')])}
                  />
                  <input
                    type="text"
                    inputMode="numeric"
                    className="mono"
                    aria-label={t('run.ports.hostPortN', { n })}
                    placeholder={t('run.ports.anyPort')}
                    value={p.hostPort}
                    onChange={(e) => onChange(update(ports, i, { hostPort: e.target.value }))}
                    {...invalidProps(at('hostPort'), problems[at('hostPort')])}
                  />
                  <input
                    type="text"
                    inputMode="numeric"
                    className="mono"
                    aria-label={t('run.ports.containerPortN', { n })}
                    placeholder="80"
                    value={p.containerPort}
                    onChange={(e) => onChange(update(ports, i, { containerPort: e.target.value }))}
                    {...invalidProps(at('containerPort'), problems[at('containerPort')])}
                  />
                  <select
                    aria-label={t('run.ports.protocolN', { n })}
                    value={p.protocol}
                    onChange={(e) => onChange(update(ports, i, { protocol: e.target.value as PortDraft['protocol'] }))}
                  >
                    <option value="tcp">tcp</option>
                    <option value="udp">udp</option>
                    <option value="sctp">sctp</option>
                  </select>
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    aria-label={t('run.ports.removeN', { n })}
                    onClick={() => onChange(ports.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </div>
                {(['hostIp', 'hostPort', 'containerPort'] as const).map((f) => (
                  <Problem key={f} path={at(f)} problem={problems[at(f)]} />
                ))}
              </div>
            );
          })}
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          data-learn="run.ports"
          onClick={() => onChange([...ports, emptyPort()])}
        >
          {t('run.ports.add')}
        </button>
      </div>
    </Section>
  );
}

export function EnvSection({
  env,
  problems,
  onChange,
}: {
  env: string[];
  problems: Problems;
  onChange: (e: string[]) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const file = useRef<HTMLInputElement>(null);
  const [imported, setImported] = useState<{
    name: string;
    count: number;
    errors: Array<{ line: number; message: string }>;
  } | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  const importFile = async (f: File) => {
    setImportError(null);
    try {
      const text = await f.text();
      const result = await client.request('run.importEnv', { text });
      // Later rows of the same name replace earlier ones, as docker reads them.
      const keys = new Set(result.env.map((e) => e.split('=')[0]));
      onChange([...env.filter((e) => e.trim() !== '' && !keys.has(e.split('=')[0])), ...result.env]);
      setImported({ name: f.name, count: result.env.length, errors: result.errors });
    } catch (e) {
      setImportError(toErrorLike(e).message);
    }
  };

  return (
    <Section title={t('run.env.title')} flag="-e" intro={t('run.env.intro')}>
      <TextRows
        values={env}
        path="env"
        testId="env-row"
        placeholder="KEY=value"
        nameOf={(n) => t('run.env.variableN', { n })}
        removeNameOf={(n) => t('run.env.removeN', { n })}
        problems={problems}
        onChange={onChange}
      />
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => onChange([...env, ''])}>
          {t('run.env.add')}
        </button>
        <button type="button" className="button button-small" onClick={() => file.current?.click()}>
          {t('run.env.import')}
        </button>
        <input
          ref={file}
          type="file"
          hidden
          data-testid="env-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      {imported && (
        <div className="run-note" role="status">
          {t('run.env.imported', { count: imported.count, file: imported.name })}
          {imported.errors.length > 0 && (
            <ul className="run-problems">
              {imported.errors.map((er) => (
                <li key={er.line}>{t('run.env.importLine', { line: er.line, message: er.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {importError && <p className="field-error">{importError}</p>}
    </Section>
  );
}

export function MountsSection({
  volumes,
  problems,
  volumeNames,
  onChange,
}: {
  volumes: VolumeDraft[];
  problems: Problems;
  volumeNames: readonly string[];
  onChange: (v: VolumeDraft[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('run.mounts.title')} flag="-v / --mount" intro={t('run.mounts.intro')}>
      <datalist id="run-volume-names">
        {volumeNames.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      {volumes.length > 0 && (
        <div className="run-rows">
          <div className="run-row run-row-head run-mount-row" aria-hidden="true">
            <span>{t('run.mounts.type')}</span>
            <span>{t('run.mounts.source')}</span>
            <span>{t('run.mounts.target')}</span>
            <span>{t('run.mounts.readOnly')}</span>
            <span />
          </div>
          {volumes.map((v, i) => {
            const n = String(i + 1);
            const at = (field: string) => `volumes.${i}.${field}`;
            return (
              <div key={i} className="run-row-block" data-testid="mount-row">
                <div className="run-row run-mount-row">
                  <select
                    aria-label={t('run.mounts.typeN', { n })}
                    value={v.type}
                    onChange={(e) => onChange(update(volumes, i, { type: e.target.value as VolumeDraft['type'] }))}
                  >
                    <option value="volume">{t('run.mounts.volume')}</option>
                    <option value="bind">{t('run.mounts.bind')}</option>
                    <option value="tmpfs">tmpfs</option>
                  </select>
                  {v.type === 'tmpfs' ? (
                    <span className="muted small">{t('run.mounts.memory')}</span>
                  ) : v.type === 'volume' ? (
                    <input
                      type="text"
                      className="mono"
                      list="run-volume-names"
                      aria-label={t('run.mounts.volumeN', { n })}
                      placeholder={t('run.mounts.volumePlaceholder')}
                      value={v.source}
                      onChange={(e) => onChange(update(volumes, i, { source: e.target.value }))}
                      {...invalidProps(at('source'), problems[at('source')])}
                    />
                  ) : (
                    <input
                      type="text"
                      className="mono"
                      aria-label={t('run.mounts.folderN', { n })}
                      placeholder="/home/me/site"
                      value={v.source}
                      onChange={(e) => onChange(update(volumes, i, { source: e.target.value }))}
                      {...invalidProps(at('source'), problems[at('source')])}
                    />
                  )}
                  <input
                    type="text"
                    className="mono"
                    aria-label={t('run.mounts.targetN', { n })}
                    placeholder="/data"
                    value={v.target}
                    onChange={(e) => onChange(update(volumes, i, { target: e.target.value }))}
                    {...invalidProps(at('target'), problems[at('target')])}
                  />
                  <input
                    type="checkbox"
                    aria-label={t('run.mounts.readOnlyN', { n })}
                    checked={v.readOnly}
                    onChange={(e) => onChange(update(volumes, i, { readOnly: e.target.checked }))}
                  />
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    aria-label={t('run.mounts.removeN', { n })}
                    onClick={() => onChange(volumes.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </div>
                <Problem path={at('source')} problem={problems[at('source')]} />
                <Problem path={at('target')} problem={problems[at('target')]} />
              </div>
            );
          })}
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          data-learn="run.volumes"
          onClick={() => onChange([...volumes, emptyVolume()])}
        >
          {t('run.mounts.add')}
        </button>
      </div>
      {volumeNames.length === 0 && <p className="field-help">{t('run.mounts.noVolumes')}</p>}
    </Section>
  );
}

/** Rows of one text field each (env's KEY=value, labels), each removable, its problem under it. */
export function TextRows({
  values,
  path,
  testId,
  placeholder,
  nameOf,
  removeNameOf,
  problems,
  onChange,
}: {
  values: string[];
  /** Where the rows' problems are: `${path}.${i}`. */
  path: string;
  testId: string;
  placeholder: string;
  nameOf: (n: string) => string;
  removeNameOf: (n: string) => string;
  problems: Problems;
  onChange: (values: string[]) => void;
}) {
  if (values.length === 0) return null;
  return (
    <div className="run-rows">
      {values.map((value, i) => {
        const n = String(i + 1);
        const at = `${path}.${i}`;
        return (
          <div key={i} className="run-row-block" data-testid={testId}>
            <div className="run-row run-env-row">
              <input
                type="text"
                className="mono"
                aria-label={nameOf(n)}
                placeholder={placeholder}
                value={value}
                onChange={(ev) => onChange(values.map((x, j) => (j === i ? ev.target.value : x)))}
                {...invalidProps(at, problems[at])}
              />
              <button
                type="button"
                className="button button-small button-danger-quiet"
                aria-label={removeNameOf(n)}
                onClick={() => onChange(values.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <Problem path={at} problem={problems[at]} />
          </div>
        );
      })}
    </div>
  );
}
