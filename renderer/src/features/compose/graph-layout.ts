// A compose project's graph laid out in columns: published ports, then the
// services, then the networks, volumes and bind mounts they attach to, then
// the images and builds they are made from. Pure and deterministic: the same
// graph always gives the same picture. Services come in depends_on order
// (what others need first); every other column is ordered by the mean row of
// the services it connects to, so edges cross as little as a simple rule can.
import type {
  ComposeGraph,
  ComposeGraphEdge,
  ComposeGraphNode,
  ComposeNodeKind,
} from '../../../../runtime/domains/compose/types';

export interface PlacedNode extends ComposeGraphNode {
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedEdge extends ComposeGraphEdge {
  /** SVG path data. */
  d: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Left edge of each column, for its heading. */
  columns: { x: number; w: number }[];
}

export const COLUMN_OF: Record<ComposeNodeKind, number> = {
  port: 0,
  service: 1,
  network: 2,
  volume: 2,
  bind: 2,
  image: 3,
  build: 3,
};
const WIDTHS = [170, 190, 200, 210];
const GAP_X = 90;
const GAP_Y = 14;
const PAD = 24;
const HEAD = 28;
const KIND_ORDER: ComposeNodeKind[] = ['port', 'service', 'network', 'volume', 'bind', 'image', 'build'];
const heightOf = (kind: ComposeNodeKind) => (kind === 'service' ? 48 : 34);

/** Services ordered so a service comes after those it depends on; ties by name. */
export function serviceOrder(nodes: readonly ComposeGraphNode[], edges: readonly ComposeGraphEdge[]): string[] {
  const services = nodes.filter((n) => n.kind === 'service');
  const ids = new Set(services.map((n) => n.id));
  const needs = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind === 'depends-on' && ids.has(e.from) && ids.has(e.to))
      needs.set(e.from, [...(needs.get(e.from) ?? []), e.to]);
  }
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: compose refuses it, the picture does not loop
    seen.add(id);
    const d = Math.max(-1, ...(needs.get(id) ?? []).map((x) => depthOf(x, seen))) + 1;
    seen.delete(id);
    depth.set(id, d);
    return d;
  };
  const label = new Map(services.map((n) => [n.id, n.label]));
  return [...ids].sort(
    (a, b) =>
      depthOf(a, new Set()) - depthOf(b, new Set()) || label.get(a)!.localeCompare(label.get(b)!) || a.localeCompare(b),
  );
}

export function layoutGraph(graph: ComposeGraph): GraphLayout {
  const { nodes, edges } = graph;
  const order = serviceOrder(nodes, edges);
  const rank = new Map(order.map((id, i) => [id, i]));
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Each node's mean service row, through the edges that touch it.
  const rows = new Map<string, number[]>();
  for (const e of edges) {
    const pairs: [string, string][] = [
      [e.from, e.to],
      [e.to, e.from],
    ];
    for (const [self, other] of pairs) {
      const r = rank.get(other);
      if (r !== undefined && !rank.has(self)) rows.set(self, [...(rows.get(self) ?? []), r]);
    }
  }
  const mean = (id: string) => {
    const r = rows.get(id);
    return r && r.length > 0 ? r.reduce((a, b) => a + b, 0) / r.length : Number.MAX_SAFE_INTEGER;
  };

  const columns: ComposeGraphNode[][] = [[], [], [], []];
  for (const n of nodes) columns[COLUMN_OF[n.kind]]!.push(n);
  for (const [i, col] of columns.entries()) {
    if (i === 1) col.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    else
      col.sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
          mean(a.id) - mean(b.id) ||
          a.label.localeCompare(b.label) ||
          a.id.localeCompare(b.id),
      );
  }

  const colHeight = columns.map(
    (col) => col.reduce((sum, n) => sum + heightOf(n.kind), 0) + Math.max(0, col.length - 1) * GAP_Y,
  );
  const inner = Math.max(0, ...colHeight);
  const xs: number[] = [];
  let x = PAD;
  for (const w of WIDTHS) {
    xs.push(x);
    x += w + GAP_X;
  }
  const placed: PlacedNode[] = [];
  for (const [i, col] of columns.entries()) {
    let y = PAD + HEAD + (inner - colHeight[i]!) / 2;
    for (const n of col) {
      const h = heightOf(n.kind);
      placed.push({ ...n, column: i, x: xs[i]!, y, w: WIDTHS[i]!, h });
      y += h + GAP_Y;
    }
  }
  const at = new Map(placed.map((n) => [n.id, n]));
  const placedEdges: PlacedEdge[] = [];
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b || !byId.has(e.from) || !byId.has(e.to)) continue;
    placedEdges.push({ ...e, d: edgePath(a, b) });
  }
  return {
    width: x - GAP_X + PAD,
    height: PAD * 2 + HEAD + inner,
    nodes: placed,
    edges: placedEdges,
    columns: WIDTHS.map((w, i) => ({ x: xs[i]!, w })),
  };
}

const r = (n: number) => Math.round(n * 10) / 10;

/** A curve from the right side of the left node to the left side of the right one; within a column, a loop out to its left. */
function edgePath(a: PlacedNode, b: PlacedNode): string {
  if (a.column === b.column) {
    const x = a.x;
    const y1 = a.y + a.h / 2;
    const y2 = b.y + b.h / 2;
    const out = x - 28 - Math.min(30, Math.abs(y2 - y1) / 8);
    return `M${r(x)},${r(y1)} C${r(out)},${r(y1)} ${r(out)},${r(y2)} ${r(x)},${r(y2)}`;
  }
  const [left, right] = a.column < b.column ? [a, b] : [b, a];
  const x1 = left.x + left.w;
  const y1 = left.y + left.h / 2;
  const x2 = right.x;
  const y2 = right.y + right.h / 2;
  const mid = (x1 + x2) / 2;
  return `M${r(x1)},${r(y1)} C${r(mid)},${r(y1)} ${r(mid)},${r(y2)} ${r(x2)},${r(y2)}`;
}
