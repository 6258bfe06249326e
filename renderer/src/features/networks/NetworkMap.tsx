// The network map: the host on top with the ports published to it, each
// network as a column of the containers on it, marked whether names resolve
// there. The same facts as a table below (the drawing is one picture to a
// screen reader), and the default-bridge lesson when it applies.
import { useId, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { userNetworkAdvice } from '../../../../runtime/domains/networks/cli';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { NetworkInfo } from '../../../../runtime/domains/networks/types';
import { CopyButton } from '../../components/CopyButton';
import { TableFrame } from '../../components/TableFrame';
import { hrefTo } from '../../lib/useHashRoute';
import { type NetworkMapModel, buildNetworkMap } from './network-map';

const COL_W = 230;
const GAP = 28;
const PAD = 16;
const HOST_H = 64;
const HEAD_H = 58;
const NODE_H = 50;
const NODE_GAP = 10;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function NetworkMap({
  networks,
  containers,
}: {
  networks: readonly NetworkInfo[];
  containers: readonly ContainerSummary[];
}) {
  const { t } = useTranslation();
  const model = useMemo(() => buildNetworkMap(networks, containers), [networks, containers]);
  return (
    <div className="network-map" data-testid="network-map">
      {model.bridgeOnly.length >= 2 && <BridgeLesson names={model.bridgeOnly} />}
      {model.networks.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('networks.map.emptyTitle')}</p>
          <p className="muted">{t('networks.map.emptyText')}</p>
        </div>
      ) : (
        <MapPicture model={model} />
      )}
      <ReachTable model={model} />
    </div>
  );
}

function MapPicture({ model }: { model: NetworkMapModel }) {
  const { t } = useTranslation();
  const ids = useId();
  const arrowId = `map-arrow-${ids.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const tallest = Math.max(1, ...model.networks.map((n) => n.members.length));
  const width = PAD * 2 + model.networks.length * COL_W + (model.networks.length - 1) * GAP;
  const colTop = PAD + HOST_H + 36;
  const height = colTop + HEAD_H + tallest * (NODE_H + NODE_GAP) + PAD;
  const published = model.containers.flatMap((c) => c.published.map((p) => ({ ...p, container: c.name })));
  // A container on several networks: its published ports are drawn once, at its first column.
  const firstSeen = new Map<string, string>();
  for (const { network, members } of model.networks)
    for (const m of members) if (!firstSeen.has(m.containerId)) firstSeen.set(m.containerId, network.id);
  const summary = t('networks.map.summary', {
    networks: model.networks.length,
    containers: model.containers.length,
    ports: published.length,
  });

  return (
    <div className="network-map-scroll" role="region" aria-label={t('networks.map.pictureRegion')} tabIndex={0}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${ids}-title ${ids}-desc`}
        className="network-map-svg"
      >
        <title id={`${ids}-title`}>{t('networks.map.title')}</title>
        <desc id={`${ids}-desc`}>{summary}</desc>
        <defs>
          <marker id={arrowId} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0 0 L8 4 L0 8 z" className="map-arrow" />
          </marker>
        </defs>
        <rect x={PAD} y={PAD} width={width - PAD * 2} height={HOST_H} rx={10} className="map-host" />
        <text x={PAD + 14} y={PAD + 24} className="map-host-title">
          {t('networks.map.host')}
        </text>
        <text x={PAD + 14} y={PAD + 46} className="map-small">
          {published.length === 0
            ? t('networks.map.noPublished')
            : clip(
                published.map((p) => `localhost:${p.hostPort} → ${p.container}:${p.port}/${p.type}`).join('   '),
                Math.floor((width - PAD * 2) / 6.6),
              )}
        </text>
        {model.networks.map(({ network, dns, members }, i) => {
          const x = PAD + i * (COL_W + GAP);
          const colH = HEAD_H + Math.max(1, members.length) * (NODE_H + NODE_GAP);
          return (
            <g key={network.id} data-network={network.name}>
              <rect
                x={x}
                y={colTop}
                width={COL_W}
                height={colH}
                rx={10}
                className={dns ? 'map-net map-net-dns' : 'map-net map-net-nodns'}
              />
              <text x={x + 12} y={colTop + 22} className="map-net-title">
                {clip(network.name, 26)}
                <title>{network.name}</title>
              </text>
              <text x={x + 12} y={colTop + 42} className={dns ? 'map-small map-ok' : 'map-small map-warn'}>
                {network.driver} ·{' '}
                {dns
                  ? t('networks.map.namesResolve')
                  : network.name === 'bridge'
                    ? t('networks.map.ipOnly')
                    : t('networks.map.noPeers')}
              </text>
              {dns && members.length > 1 && (
                <line
                  x1={x + 10}
                  x2={x + 10}
                  y1={colTop + HEAD_H + NODE_H / 2}
                  y2={colTop + HEAD_H + (members.length - 1) * (NODE_H + NODE_GAP) + NODE_H / 2}
                  className="map-link"
                />
              )}
              {!dns && network.name === 'bridge' && members.length > 1 && (
                <line
                  x1={x + 10}
                  x2={x + 10}
                  y1={colTop + HEAD_H + NODE_H / 2}
                  y2={colTop + HEAD_H + (members.length - 1) * (NODE_H + NODE_GAP) + NODE_H / 2}
                  className="map-link map-link-ip"
                />
              )}
              {members.length === 0 && (
                <text x={x + 12} y={colTop + HEAD_H + 20} className="map-small">
                  {t('networks.map.noContainers')}
                </text>
              )}
              {members.map((m, j) => {
                const y = colTop + HEAD_H + j * (NODE_H + NODE_GAP);
                const ports = model.containers.find((c) => c.id === m.containerId)?.published ?? [];
                const detail = [m.ipv4 || t('networks.noAddress'), ...m.aliases.map((a) => `@${a}`)].join('  ');
                return (
                  <g key={m.containerId} data-container={m.containerName}>
                    <rect
                      x={x + 18}
                      y={y}
                      width={COL_W - 30}
                      height={NODE_H}
                      rx={8}
                      className={m.state === 'running' ? 'map-node' : 'map-node map-node-stopped'}
                    />
                    <text x={x + 28} y={y + 20} className="map-node-title">
                      {clip(m.containerName, 21)}
                      <title>{m.containerName}</title>
                    </text>
                    <text x={x + 28} y={y + 38} className="map-small">
                      {clip(detail, 30)}
                    </text>
                    {ports.length > 0 && firstSeen.get(m.containerId) === network.id && (
                      <>
                        <path
                          d={`M ${x + COL_W - 5} ${PAD + HOST_H} V ${y + NODE_H / 2} H ${x + COL_W - 12}`}
                          className="map-publish"
                          markerEnd={`url(#${arrowId})`}
                        />
                        <text x={x + COL_W - 9} y={PAD + HOST_H + 14} textAnchor="end" className="map-small map-port">
                          :{ports.map((p) => p.hostPort).join(', :')}
                        </text>
                      </>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function BridgeLesson({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  const advice = userNetworkAdvice('my-net', names).join('\n');
  return (
    <div className="network-lesson" role="note" aria-labelledby="bridge-lesson-title" data-testid="bridge-lesson">
      <p id="bridge-lesson-title" className="network-lesson-title">
        {t('networks.lesson.title', { containers: names.join(', ') })}
      </p>
      <p>
        <Trans i18nKey="networks.lesson.why" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="networks.lesson.fix" components={{ code: <code /> }} />
      </p>
      <div className="command-box">
        <code>{advice}</code>
        <CopyButton text={advice} label={t('networks.lesson.copy')} />
      </div>
    </div>
  );
}

function ReachTable({ model }: { model: NetworkMapModel }) {
  const { t } = useTranslation();
  if (model.containers.length === 0) return null;
  return (
    <>
      <h2 className="network-section-title">{t('networks.map.tableTitle')}</h2>
      <TableFrame
        label={t('networks.map.tableTitle')}
        className="network-reach"
        columns={[
          { head: t('networks.col.container') },
          { head: t('networks.map.byName') },
          { head: t('networks.map.byIpOnly') },
          { head: t('networks.map.fromHost') },
        ]}
      >
        {model.containers.map((c) => (
          <tr key={c.id} className="row" data-testid="reach-row" data-container={c.name}>
            <td>
              <a className="mono" href={hrefTo('containers', c.id, 'networks')}>
                {c.name}
              </a>
              <div className="muted small">{c.networks.join(', ')}</div>
            </td>
            <td data-testid="reach-by-name">
              {c.byName.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                c.byName.map((r) => (
                  <div key={r.to} className="small">
                    <span className="mono">{r.names.join(', ')}</span>{' '}
                    <span className="muted">({t('networks.map.via', { network: r.via })})</span>
                  </div>
                ))
              )}
            </td>
            <td data-testid="reach-by-ip">
              {c.byIpOnly.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                c.byIpOnly.map((r) => (
                  <div key={r.to} className="small">
                    <span className="mono">{r.to}</span>{' '}
                    <span className="muted">{r.ip !== '' ? `(${r.ip})` : `(${t('networks.noAddress')})`}</span>
                  </div>
                ))
              )}
            </td>
            <td data-testid="reach-host">
              {c.published.length === 0 ? (
                <span className="muted">{t('networks.map.notPublished')}</span>
              ) : (
                c.published.map((p) => (
                  <div key={`${p.hostPort}/${p.type}`} className="mono small">
                    localhost:{p.hostPort} → {p.port}/{p.type}
                  </div>
                ))
              )}
            </td>
          </tr>
        ))}
      </TableFrame>
    </>
  );
}
