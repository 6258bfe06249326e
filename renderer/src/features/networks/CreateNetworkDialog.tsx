// Create a network: name, driver, subnet and gateway, internal, attachable,
// labels and driver options. Each field is checked as it is typed (the same
// checks the runtime makes), the command updates with the form, and nothing
// is sent while a problem is shown.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NETWORK_DRIVERS,
  type NetworkField,
  type NetworkProblem,
  addressProblems,
  nameProblems,
} from '../../../../runtime/domains/networks/contract';
import { networkCreateCommand } from '../../../../runtime/domains/networks/cli';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { KeyValueRows, toRecord, type Pair } from '../volumes/KeyValueRows';
import { useNetworkAction } from './queries';

export function CreateNetworkDialog({ onDone }: { onDone: (name?: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const localize = useLocalizeError();
  const ids = useId();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState<(typeof NETWORK_DRIVERS)[number]>('bridge');
  const [subnet, setSubnet] = useState('');
  const [gateway, setGateway] = useState('');
  const [internal, setInternal] = useState(false);
  const [attachable, setAttachable] = useState(false);
  const [labels, setLabels] = useState<Pair[]>([]);
  const [options, setOptions] = useState<Pair[]>([]);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useNetworkAction();

  const input = {
    name: name.trim(),
    driver,
    ...(subnet.trim() !== '' ? { subnet: subnet.trim() } : {}),
    ...(gateway.trim() !== '' ? { gateway: gateway.trim() } : {}),
    ...(internal ? { internal } : {}),
    ...(attachable ? { attachable } : {}),
    ...(toRecord(labels) ? { labels: toRecord(labels)! } : {}),
    ...(toRecord(options) ? { options: toRecord(options)! } : {}),
  };
  const problems = [...nameProblems(input.name), ...addressProblems(input.subnet, input.gateway)];
  // An empty name is not wrong until the user tries to create.
  const shown = problems.filter((p) => tried || p.key !== 'nameMissing');
  const problemOf = (field: NetworkField): NetworkProblem | undefined => shown.find((p) => p.field === field);

  const submit = async () => {
    setTried(true);
    if (problems.length > 0) return;
    const result = await run(() => client.request('networks.create', input));
    if (result) onDone(result.network.name);
  };

  const field = (
    id: NetworkField,
    label: string,
    value: string,
    set: (v: string) => void,
    help: string,
    placeholder?: string,
  ) => {
    const problem = problemOf(id);
    return (
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-${id}`}>
          {label}
        </label>
        <input
          id={`${ids}-${id}`}
          type="text"
          className="mono"
          value={value}
          placeholder={placeholder}
          data-autofocus={id === 'name' || undefined}
          aria-invalid={problem !== undefined}
          aria-describedby={`${ids}-${id}-help${problem ? ` ${ids}-${id}-problem` : ''}`}
          onChange={(e) => set(e.target.value)}
        />
        <span id={`${ids}-${id}-help`} className="check-help">
          {help}
        </span>
        {problem && (
          <span id={`${ids}-${id}-problem`} className="field-error" data-testid={`problem-${id}`}>
            {t(`networks.problems.${problem.key}`, problem.params)}
          </span>
        )}
      </div>
    );
  };

  return (
    <ActionDialog
      title={t('networks.create.title')}
      onCancel={() => onDone()}
      action={busy ? t('networks.create.creating') : t('networks.create.action')}
      onAction={() => void submit()}
      disabled={busy}
      busy={busy}
      formId="create-network"
    >
      {field('name', t('networks.create.name'), name, setName, t('networks.create.nameHelp'), 'my-app-net')}
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-driver`}>
          {t('networks.create.driver')}
        </label>
        <select
          id={`${ids}-driver`}
          value={driver}
          aria-describedby={`${ids}-driver-help`}
          onChange={(e) => setDriver(e.target.value as typeof driver)}
        >
          {NETWORK_DRIVERS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <span id={`${ids}-driver-help`} className="check-help">
          {t(`networks.create.driverHelp.${driver}`)}
        </span>
      </div>
      <div className="network-address-row">
        {field(
          'subnet',
          t('networks.create.subnet'),
          subnet,
          setSubnet,
          t('networks.create.subnetHelp'),
          '10.10.0.0/24',
        )}
        {field(
          'gateway',
          t('networks.create.gateway'),
          gateway,
          setGateway,
          t('networks.create.gatewayHelp'),
          '10.10.0.1',
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        <span>
          {t('networks.create.internal')}
          <span className="check-help">{t('networks.create.internalHelp')}</span>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={attachable} onChange={(e) => setAttachable(e.target.checked)} />
        <span>
          {t('networks.create.attachable')}
          <span className="check-help">{t('networks.create.attachableHelp')}</span>
        </span>
      </label>
      <KeyValueRows legend={t('networks.create.labels')} pairs={labels} onChange={setLabels} />
      <KeyValueRows legend={t('networks.create.options')} pairs={options} onChange={setOptions} />
      {error && (
        <p className="field-error" role="alert">
          {localize(error).message}
          {error.hint && <span className="alert-hint"> {localize(error).hint}</span>}
        </p>
      )}
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <code data-testid="create-network-command">
          {shown.length > 0
            ? t('networks.create.fixFirst')
            : networkCreateCommand({ ...input, name: input.name || 'NAME' })}
        </code>
      </div>
    </ActionDialog>
  );
}
