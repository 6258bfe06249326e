// Connect a container to a network, with aliases and an optional IPv4
// address: on a network's page the container is chosen, on a container's
// page the network. Checked as typed; the command follows the form.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NetworkProblem,
  aliasProblems,
  inSubnet,
  ipv4Problems,
  parseIpv4,
  parseSubnet,
} from '../../../../runtime/domains/networks/contract';
import { networkConnectCommand } from '../../../../runtime/domains/networks/cli';
import type { NetworkInfo } from '../../../../runtime/domains/networks/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNetworkAction } from './queries';

interface Choice {
  value: string;
  label: string;
}

interface Props {
  /** The network, when connecting on its page; otherwise chosen from `networks`. */
  network?: NetworkInfo;
  networks?: readonly NetworkInfo[];
  /** The container, when connecting on its page; otherwise chosen from `containers`. */
  container?: string;
  containers?: readonly Choice[];
}

export const splitAliases = (text: string): string[] => text.split(/[\s,]+/).filter((a) => a !== '');

export function ConnectForm({
  network: fixedNetwork,
  networks = [],
  container: fixedContainer,
  containers = [],
}: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const [networkName, setNetworkName] = useState('');
  const [containerName, setContainerName] = useState('');
  const [aliasText, setAliasText] = useState('');
  const [ipv4, setIpv4] = useState('');
  const { busy, error, run, setError } = useNetworkAction();

  const network = fixedNetwork ?? networks.find((n) => n.name === networkName);
  const container = fixedContainer ?? containerName;
  const aliases = splitAliases(aliasText);
  const problems: NetworkProblem[] = [...aliasProblems(aliases), ...ipv4Problems(ipv4.trim())];
  if (network?.name === 'bridge' && aliases.length > 0)
    problems.push({ field: 'aliases', key: 'aliasOnBridge', params: {} });
  const address = parseIpv4(ipv4.trim());
  const subnets = (network?.subnets ?? []).map((s) => parseSubnet(s.subnet)).filter((s) => s !== null);
  if (address !== null && subnets.length > 0 && !subnets.some((s) => inSubnet(address, s))) {
    problems.push({
      field: 'ipv4',
      key: 'ipv4Outside',
      params: { value: ipv4.trim(), subnet: network?.subnets.map((s) => s.subnet).join(', ') ?? '' },
    });
  }
  const problemOf = (field: 'aliases' | 'ipv4') => problems.find((p) => p.field === field);
  const ready = network !== undefined && container !== '' && problems.length === 0;
  const input = {
    network: network?.name ?? '',
    container,
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(ipv4.trim() !== '' ? { ipv4: ipv4.trim() } : {}),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const result = await run(() => client.request('networks.connect', input));
    if (result) {
      setAliasText('');
      setIpv4('');
      if (!fixedContainer) setContainerName('');
      if (!fixedNetwork) setNetworkName('');
    }
  };

  const problemLine = (field: 'aliases' | 'ipv4') => {
    const p = problemOf(field);
    return p ? (
      <span id={`${ids}-${field}-problem`} className="field-error" data-testid={`connect-problem-${field}`}>
        {t(`networks.problems.${p.key}`, p.params)}
      </span>
    ) : null;
  };

  return (
    <form
      className="network-connect"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => void submit(e)}
      data-testid="connect-form"
    >
      <h3 id={`${ids}-title`} className="network-section-title">
        {fixedNetwork ? t('networks.connect.titleContainer') : t('networks.connect.titleNetwork')}
      </h3>
      <div className="network-connect-fields">
        {fixedNetwork ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-container`}>
              {t('networks.connect.container')}
            </label>
            <select
              id={`${ids}-container`}
              value={containerName}
              onChange={(e) => {
                setContainerName(e.target.value);
                setError(null);
              }}
            >
              <option value="">{t('networks.connect.chooseContainer')}</option>
              {containers.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-network`}>
              {t('networks.connect.network')}
            </label>
            <select
              id={`${ids}-network`}
              value={networkName}
              onChange={(e) => {
                setNetworkName(e.target.value);
                setError(null);
              }}
            >
              <option value="">{t('networks.connect.chooseNetwork')}</option>
              {networks.map((n) => (
                <option key={n.id} value={n.name}>
                  {n.name} ({n.driver})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-aliases`}>
            {t('networks.connect.aliases')}
          </label>
          <input
            id={`${ids}-aliases`}
            type="text"
            className="mono"
            value={aliasText}
            placeholder="db cache"
            aria-invalid={problemOf('aliases') !== undefined}
            aria-describedby={`${ids}-aliases-help${problemOf('aliases') ? ` ${ids}-aliases-problem` : ''}`}
            onChange={(e) => setAliasText(e.target.value)}
          />
          <span id={`${ids}-aliases-help`} className="check-help">
            {t('networks.connect.aliasesHelp')}
          </span>
          {problemLine('aliases')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-ipv4`}>
            {t('networks.connect.ipv4')}
          </label>
          <input
            id={`${ids}-ipv4`}
            type="text"
            className="mono"
            value={ipv4}
            placeholder={network?.subnets[0] ? network.subnets[0].subnet.replace(/\d+\/\d+$/, '10') : '10.10.0.10'}
            aria-invalid={problemOf('ipv4') !== undefined}
            aria-describedby={`${ids}-ipv4-help${problemOf('ipv4') ? ` ${ids}-ipv4-problem` : ''}`}
            onChange={(e) => setIpv4(e.target.value)}
          />
          <span id={`${ids}-ipv4-help`} className="check-help">
            {t('networks.connect.ipv4Help')}
          </span>
          {problemLine('ipv4')}
        </div>
      </div>
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <code data-testid="connect-command">
          {networkConnectCommand({
            ...input,
            network: input.network || 'NETWORK',
            container: input.container || 'CONTAINER',
          })}
        </code>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={!ready || busy}>
          {busy ? t('networks.connect.connecting') : t('networks.connect.action')}
        </button>
      </div>
      {error && <ErrorAlert title={t('networks.connect.failed')} messages={[error]} onDismiss={() => setError(null)} />}
    </form>
  );
}
