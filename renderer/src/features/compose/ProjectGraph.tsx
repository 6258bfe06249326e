// The project as a picture: published ports, services, the networks,
// volumes and bind mounts they use and the images they come from, laid out
// in columns (graph-layout.ts). Each node that has a page is a link with a
// name saying what it is; the same graph follows as a list for reading.
import { useTranslation } from 'react-i18next';
import type { ComposeGraph, ComposeGraphNode } from '../../../../runtime/domains/compose/types';
import { hrefTo } from '../../lib/useHashRoute';
import { layoutGraph, type PlacedNode } from './graph-layout';

const ROUTE = { container: 'containers', volume: 'volumes', network: 'networks', image: 'images' } as const;

export function nodeHref(node: ComposeGraphNode): string | undefined {
  if (!node.link) return undefined;
  const route = ROUTE[node.link.kind];
  return route ? hrefTo(route, node.link.ref) : undefined;
}

/** running, partial, stopped or none (not created), for a service. */
export function serviceState(node: ComposeGraphNode): 'running' | 'partial' | 'stopped' | 'none' {
  const s = node.state;
  if (!s || s.total === 0) return 'none';
  return s.running === s.total ? 'running' : s.running === 0 ? 'stopped' : 'partial';
}

function useNodeName() {
  const { t } = useTranslation();
  return (node: ComposeGraphNode) => {
    // The visible texts first, as they read: the link's name contains what it shows.
    const kind = t(`compose.graph.kind.${node.kind}`);
    if (node.kind !== 'service') return `${node.label}, ${kind}`;
    const state = serviceState(node);
    const s = node.state;
    return `${node.label} ${state === 'none' ? t('compose.graph.notCreated') : t('compose.group.running', { running: s!.running, total: s!.total })}, ${kind}`;
  };
}

function Node({ node, name }: { node: PlacedNode; name: string }) {
  const { t } = useTranslation();
  const state = node.kind === 'service' ? serviceState(node) : undefined;
  const href = nodeHref(node);
  // The texts are the start of the link's name (a label cut to fit the box is clipped, not shortened).
  const sub =
    node.kind === 'service'
      ? state === 'none'
        ? t('compose.graph.notCreated')
        : t('compose.group.running', { running: node.state!.running, total: node.state!.total })
      : undefined;
  const body = (
    <>
      <rect
        x={node.x}
        y={node.y}
        width={node.w}
        height={node.h}
        rx={node.kind === 'port' ? 17 : 6}
        className="graph-box"
      />
      <svg x={node.x + 10} y={node.y} width={node.w - 16} height={node.h} overflow="hidden">
        <text y={sub !== undefined ? 20 : node.h / 2 + 4} className="graph-label">
          <tspan>{node.label}</tspan>
          {sub !== undefined && (
            <tspan x={0} y={38} className="graph-sub">
              {` ${sub}`}
            </tspan>
          )}
        </text>
      </svg>
    </>
  );
  const className = `graph-node graph-${node.kind}${state ? ` graph-state-${state}` : ''}`;
  return href ? (
    <a
      href={href}
      aria-label={name}
      className={className}
      data-testid="graph-node"
      data-kind={node.kind}
      data-label={node.label}
    >
      <title>{name}</title>
      {body}
    </a>
  ) : (
    <g className={className} data-testid="graph-node" data-kind={node.kind} data-label={node.label} aria-hidden="true">
      <title>{name}</title>
      {body}
    </g>
  );
}

export function ProjectGraph({ graph, project }: { graph: ComposeGraph; project: string }) {
  const { t } = useTranslation();
  const name = useNodeName();
  const layout = layoutGraph(graph);
  const heads = ['ports', 'services', 'attached', 'images'];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <div className="compose-graph">
      <div className="graph-scroll">
        <svg
          role="group"
          aria-label={t('compose.graph.label', { project })}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          className="graph-svg"
        >
          <defs>
            <marker
              id="graph-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="graph-arrow" />
            </marker>
          </defs>
          {layout.columns.map((c, i) => (
            <text key={i} x={c.x} y={34} className="graph-head" aria-hidden="true">
              {t(`compose.graph.column.${heads[i]}`)}
            </text>
          ))}
          <g aria-hidden="true">
            {layout.edges.map((e, i) => (
              <path
                key={i}
                d={e.d}
                className={`graph-edge graph-edge-${e.kind}`}
                markerEnd={e.kind === 'depends-on' ? 'url(#graph-arrow)' : undefined}
              />
            ))}
          </g>
          {layout.nodes.map((n) => (
            <Node key={n.id} node={n} name={name(n)} />
          ))}
        </svg>
      </div>
      <Legend />
      <details className="graph-text">
        <summary>{t('compose.graph.asText')}</summary>
        <ul data-testid="graph-list">
          {graph.nodes
            .filter((n) => n.kind === 'service')
            .map((n) => (
              <li key={n.id}>
                {nodeHref(n) ? <a href={nodeHref(n)}>{name(n)}</a> : name(n)}
                <ul>
                  {graph.edges
                    .filter((e) => e.from === n.id || e.to === n.id)
                    .map((e, i) => {
                      const other = byId.get(e.from === n.id ? e.to : e.from);
                      if (!other) return null;
                      const href = nodeHref(other);
                      const text = name(other);
                      const relation =
                        e.kind === 'depends-on'
                          ? t(e.from === n.id ? 'compose.graph.rel.needs' : 'compose.graph.rel.neededBy')
                          : t(`compose.graph.rel.${e.kind}`);
                      return (
                        <li key={i}>
                          {relation}: {href ? <a href={href}>{text}</a> : text}
                          {e.label ? ` (${e.label})` : ''}
                        </li>
                      );
                    })}
                </ul>
              </li>
            ))}
        </ul>
      </details>
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  const kinds = ['port', 'service', 'network', 'volume', 'bind', 'image', 'build'] as const;
  const states = ['running', 'partial', 'stopped', 'none'] as const;
  return (
    <div className="graph-legend" aria-label={t('compose.graph.legend')} role="group">
      {kinds.map((k) => (
        <span key={k} className={`legend-item graph-${k}`}>
          <svg width="16" height="12" aria-hidden="true">
            <rect x="1" y="1" width="14" height="10" rx={k === 'port' ? 5 : 2} className="graph-box" />
          </svg>
          {t(`compose.graph.kind.${k}`)}
        </span>
      ))}
      {states.map((s) => (
        <span key={s} className={`legend-item graph-service graph-state-${s}`}>
          <svg width="16" height="12" aria-hidden="true">
            <rect x="1" y="1" width="14" height="10" rx="2" className="graph-box" />
          </svg>
          {t(`compose.graph.state.${s}`)}
        </span>
      ))}
      <span className="legend-item">
        <svg width="24" height="12" aria-hidden="true">
          <path d="M1,6 L20,6" className="graph-edge graph-edge-depends-on" markerEnd="url(#graph-arrow)" />
        </svg>
        {t('compose.graph.rel.needs')}
      </span>
    </div>
  );
}
