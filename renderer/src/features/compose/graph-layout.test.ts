import { describe, expect, it } from 'vitest';
import type { ComposeGraph } from '../../../../runtime/domains/compose/types';
import { layoutGraph, serviceOrder } from './graph-layout';

const graph: ComposeGraph = {
  nodes: [
    { id: 's:web', kind: 'service', label: 'web', state: { running: 1, total: 1 } },
    { id: 's:db', kind: 'service', label: 'db' },
    { id: 's:cache', kind: 'service', label: 'cache' },
    { id: 'p:8080', kind: 'port', label: '8080→80/tcp' },
    { id: 'n:default', kind: 'network', label: 'shop_default' },
    { id: 'v:data', kind: 'volume', label: 'shop_data' },
    { id: 'i:shell', kind: 'image', label: 'wharf-test/shell:a-very-long-tag-that-does-not-fit-in-the-box' },
  ],
  edges: [
    { from: 's:web', to: 's:db', kind: 'depends-on' },
    { from: 's:web', to: 's:cache', kind: 'depends-on' },
    { from: 's:web', to: 'p:8080', kind: 'publishes' },
    { from: 's:web', to: 'n:default', kind: 'network' },
    { from: 's:db', to: 'n:default', kind: 'network' },
    { from: 's:db', to: 'v:data', kind: 'mount' },
    { from: 's:db', to: 'i:shell', kind: 'image' },
    { from: 's:web', to: 'gone', kind: 'image' },
  ],
};

describe('compose graph layout', () => {
  it('orders services after those they depend on, ties by name', () => {
    expect(serviceOrder(graph.nodes, graph.edges)).toEqual(['s:cache', 's:db', 's:web']);
  });

  it('puts ports, services, networks and volumes, images in their columns, left to right', () => {
    const layout = layoutGraph(graph);
    const column = (id: string) => layout.nodes.find((n) => n.id === id)!.column;
    expect([column('p:8080'), column('s:web'), column('n:default'), column('v:data'), column('i:shell')]).toEqual([
      0, 1, 2, 2, 3,
    ]);
    const x = (id: string) => layout.nodes.find((n) => n.id === id)!.x;
    expect(x('p:8080')).toBeLessThan(x('s:web'));
    expect(x('s:web')).toBeLessThan(x('n:default'));
    expect(x('n:default')).toBeLessThan(x('i:shell'));
    expect(layout.width).toBeGreaterThan(x('i:shell'));
  });

  it('never overlaps two nodes of a column, and keeps every node inside the picture', () => {
    const layout = layoutGraph(graph);
    for (const a of layout.nodes) {
      expect(a.y + a.h).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b || a.column !== b.column) continue;
        expect(a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
    }
  });

  it('drops edges to nodes it does not have, and draws depends_on within the services column', () => {
    const layout = layoutGraph(graph);
    expect(layout.edges).toHaveLength(7);
    const dep = layout.edges.find((e) => e.kind === 'depends-on' && e.to === 's:db')!;
    expect(dep.d).toMatch(/^M\d+(\.\d)?,\d+(\.\d)? C/);
  });

  it('gives the same picture for the same graph, whatever the order it came in', () => {
    const shuffled: ComposeGraph = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };
    const a = layoutGraph(graph);
    const b = layoutGraph(shuffled);
    const pos = (l: typeof a) => Object.fromEntries(l.nodes.map((n) => [n.id, [n.x, n.y]]));
    expect(pos(b)).toEqual(pos(a));
  });
});
