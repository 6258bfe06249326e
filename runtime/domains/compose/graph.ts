// A project's graph: one node per service, image or build, published port,
// network, named volume and bind mount, with the edges between them and each
// service's live state. Pure. From the model when the files can be read,
// else from the containers alone.
import type { ComposeGraph, ComposeGraphEdge, ComposeGraphNode, ComposeModel } from './types';

/** What the graph needs of one container of the project. */
export interface GraphContainer {
  name: string;
  service: string;
  running: boolean;
  image: string;
  /** Engine network names. */
  networks: string[];
  mounts: { type: string; name?: string; source?: string; target: string }[];
  ports: { hostIp?: string; published?: number; target: number; protocol: string }[];
}

class Builder {
  readonly nodes = new Map<string, ComposeGraphNode>();
  readonly edges: ComposeGraphEdge[] = [];
  private readonly edgeKeys = new Set<string>();

  node(n: ComposeGraphNode): string {
    if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    return n.id;
  }

  edge(e: ComposeGraphEdge): void {
    const key = `${e.from}|${e.to}|${e.kind}|${e.label ?? ''}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push(e);
  }

  done(): ComposeGraph {
    return { nodes: [...this.nodes.values()], edges: this.edges };
  }
}

function stateOf(containers: readonly GraphContainer[], service: string): { running: number; total: number } {
  const mine = containers.filter((c) => c.service === service);
  return { running: mine.filter((c) => c.running).length, total: mine.length };
}

function serviceNode(b: Builder, service: string, containers: readonly GraphContainer[]): string {
  const first = containers.find((c) => c.service === service);
  return b.node({
    id: `service:${service}`,
    kind: 'service',
    label: service,
    state: stateOf(containers, service),
    ...(first ? { link: { kind: 'container', ref: first.name } } : {}),
  });
}

function portLabel(p: { hostIp?: string; published?: string | number; target: number; protocol: string }): string {
  const port = p.published === '' ? 'any' : p.published;
  const host = port !== undefined ? `${p.hostIp ? `${p.hostIp}:` : ''}${port}` : '';
  return `${host === '' ? '' : `${host}→`}${p.target}/${p.protocol}`;
}

/** The graph of a project read from its files, with live state from its containers. */
export function graphFromModel(model: ComposeModel, containers: readonly GraphContainer[]): ComposeGraph {
  const b = new Builder();
  const networks = new Map(model.networks.map((n) => [n.name, n]));
  const volumes = new Map(model.volumes.map((v) => [v.name, v]));
  for (const s of model.services) serviceNode(b, s.name, containers);
  for (const s of model.services) {
    const from = `service:${s.name}`;
    for (const d of s.dependsOn) {
      if (b.nodes.has(`service:${d.service}`))
        b.edge({
          from,
          to: `service:${d.service}`,
          kind: 'depends-on',
          ...(d.condition ? { label: d.condition } : {}),
        });
    }
    if (s.build) {
      const id = b.node({
        id: `build:${s.name}`,
        kind: 'build',
        label: s.build.dockerfile ? `${s.build.context} (${s.build.dockerfile})` : s.build.context,
      });
      b.edge({ from, to: id, kind: 'build' });
    } else if (s.image) {
      const id = b.node({
        id: `image:${s.image}`,
        kind: 'image',
        label: s.image,
        link: { kind: 'image', ref: s.image },
      });
      b.edge({ from, to: id, kind: 'image' });
    }
    for (const p of s.ports) {
      if (p.published === undefined) continue;
      const label = portLabel(p);
      const id = b.node({ id: `port:${p.hostIp ?? ''}:${p.published}/${p.protocol}`, kind: 'port', label });
      b.edge({ from, to: id, kind: 'publishes', label });
    }
    for (const n of s.networks) {
      const engineName = networks.get(n)?.engineName ?? `${model.project}_${n}`;
      const id = b.node({ id: `network:${n}`, kind: 'network', label: n, link: { kind: 'network', ref: engineName } });
      b.edge({ from, to: id, kind: 'network' });
    }
    for (const m of s.mounts) {
      if (m.type === 'volume' && m.source) {
        const engineName = volumes.get(m.source)?.engineName ?? `${model.project}_${m.source}`;
        const id = b.node({
          id: `volume:${m.source}`,
          kind: 'volume',
          label: m.source,
          link: { kind: 'volume', ref: engineName },
        });
        b.edge({ from, to: id, kind: 'mount', label: m.target });
      } else if (m.type === 'bind' && m.source) {
        const id = b.node({ id: `bind:${m.source}`, kind: 'bind', label: m.source });
        b.edge({ from, to: id, kind: 'mount', label: m.target });
      }
    }
  }
  // Declared volumes no service mounts still belong to the project.
  for (const v of model.volumes) {
    b.node({ id: `volume:${v.name}`, kind: 'volume', label: v.name, link: { kind: 'volume', ref: v.engineName } });
  }
  return b.done();
}

/** The graph of a project whose files cannot be read: what its containers show. */
export function graphFromContainers(project: string, containers: readonly GraphContainer[]): ComposeGraph {
  const b = new Builder();
  const prefix = `${project}_`;
  const short = (engineName: string) => (engineName.startsWith(prefix) ? engineName.slice(prefix.length) : engineName);
  for (const c of containers) {
    const from = serviceNode(b, c.service, containers);
    const img = b.node({
      id: `image:${c.image}`,
      kind: 'image',
      label: c.image,
      link: { kind: 'image', ref: c.image },
    });
    b.edge({ from, to: img, kind: 'image' });
    for (const p of c.ports) {
      if (p.published === undefined) continue;
      const label = portLabel(p);
      const id = b.node({ id: `port:${p.hostIp ?? ''}:${p.published}/${p.protocol}`, kind: 'port', label });
      b.edge({ from, to: id, kind: 'publishes', label });
    }
    for (const n of c.networks) {
      const id = b.node({
        id: `network:${short(n)}`,
        kind: 'network',
        label: short(n),
        link: { kind: 'network', ref: n },
      });
      b.edge({ from, to: id, kind: 'network' });
    }
    for (const m of c.mounts) {
      if (m.type === 'volume' && m.name) {
        // Anonymous volumes (a long hex name) are not the project's named ones.
        if (/^[a-f0-9]{64}$/.test(m.name)) continue;
        const id = b.node({
          id: `volume:${short(m.name)}`,
          kind: 'volume',
          label: short(m.name),
          link: { kind: 'volume', ref: m.name },
        });
        b.edge({ from, to: id, kind: 'mount', label: m.target });
      } else if (m.type === 'bind' && m.source) {
        const id = b.node({ id: `bind:${m.source}`, kind: 'bind', label: m.source });
        b.edge({ from, to: id, kind: 'mount', label: m.target });
      }
    }
  }
  return b.done();
}
