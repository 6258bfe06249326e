import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type GraphContainer, graphFromContainers, graphFromModel } from './graph';
import { parseMount, parsePort, readModel } from './model';

/** docker-compose 1.29's `config` output for a two-service project. */
const CONFIG = `networks:
  back: {}
  front:
    name: shop-public
services:
  db:
    image: postgres:16
    networks:
      back: null
    volumes:
    - data:/var/lib/postgresql/data:rw
  web:
    build:
      context: /home/me/shop
      dockerfile: web.Dockerfile
    depends_on:
      db:
        condition: service_healthy
    networks:
      back: null
      front: null
    ports:
    - 127.0.0.1:8080:80/tcp
    volumes:
    - /home/me/shop/site:/site:ro
  cache:
    image: redis
version: '3.9'
volumes:
  data: {}
  old:
    external: true
`;

const container = (over: Partial<GraphContainer>): GraphContainer => ({
  name: 'shop_web_1',
  service: 'web',
  running: true,
  image: 'shop_web',
  networks: [],
  mounts: [],
  ports: [],
  ...over,
});

describe('readModel', () => {
  it('reads the short and long forms compose prints', () => {
    const model = readModel(parse(CONFIG), 'shop');
    expect(model.networks).toEqual([
      { name: 'back', engineName: 'shop_back', external: false },
      { name: 'front', engineName: 'shop-public', external: false },
      { name: 'default', engineName: 'shop_default', external: false },
    ]);
    expect(model.volumes).toEqual([
      { name: 'data', engineName: 'shop_data', external: false },
      { name: 'old', engineName: 'old', external: true },
    ]);
    const web = model.services.find((s) => s.name === 'web');
    expect(web).toMatchObject({
      build: { context: '/home/me/shop', dockerfile: 'web.Dockerfile' },
      dependsOn: [{ service: 'db', condition: 'service_healthy' }],
      networks: ['back', 'front'],
      ports: [{ hostIp: '127.0.0.1', published: '8080', target: 80, protocol: 'tcp' }],
      mounts: [{ type: 'bind', source: '/home/me/shop/site', target: '/site', readOnly: true }],
      replicas: 1,
    });
    expect(model.services.find((s) => s.name === 'cache')?.networks).toEqual(['default']);
  });

  it('reads every port and volume spelling', () => {
    expect(parsePort('8080')).toEqual([{ target: 8080, protocol: 'tcp', published: '' }]);
    expect(parsePort('127.0.0.1::8080')).toEqual([
      { target: 8080, protocol: 'tcp', published: '', hostIp: '127.0.0.1' },
    ]);
    expect(parsePort('[::1]:53:53/udp')).toEqual([{ target: 53, protocol: 'udp', published: '53', hostIp: '::1' }]);
    expect(parsePort({ target: 80, published: 8080, protocol: 'tcp', mode: 'host' })).toEqual([
      { target: 80, protocol: 'tcp', published: '8080' },
    ]);
    expect(parseMount('/cache')).toEqual([{ type: 'volume', target: '/cache', readOnly: false }]);
    expect(parseMount('./site:/site')).toEqual([{ type: 'bind', source: './site', target: '/site', readOnly: false }]);
    expect(parseMount({ type: 'volume', source: 'data', target: '/d', read_only: true })).toEqual([
      { type: 'volume', source: 'data', target: '/d', readOnly: true },
    ]);
  });
});

describe('graphFromModel', () => {
  it('draws one node per service, build or image, port, network, volume and bind, with live state', () => {
    const model = readModel(parse(CONFIG), 'shop');
    const graph = graphFromModel(model, [
      container({}),
      container({ name: 'shop_db_1', service: 'db', running: false }),
    ]);
    const ids = graph.nodes.map((n) => n.id).sort();
    expect(ids).toEqual([
      'bind:/home/me/shop/site',
      'build:web',
      'image:postgres:16',
      'image:redis',
      'network:back',
      'network:default',
      'network:front',
      'port:127.0.0.1:8080/tcp',
      'service:cache',
      'service:db',
      'service:web',
      'volume:data',
      'volume:old',
    ]);
    expect(graph.nodes.find((n) => n.id === 'service:web')).toMatchObject({
      state: { running: 1, total: 1 },
      link: { kind: 'container', ref: 'shop_web_1' },
    });
    expect(graph.nodes.find((n) => n.id === 'service:db')?.state).toEqual({ running: 0, total: 1 });
    expect(graph.nodes.find((n) => n.id === 'service:cache')).toEqual({
      id: 'service:cache',
      kind: 'service',
      label: 'cache',
      state: { running: 0, total: 0 },
    });
    expect(graph.nodes.find((n) => n.id === 'network:front')?.link).toEqual({ kind: 'network', ref: 'shop-public' });
    expect(graph.nodes.find((n) => n.id === 'volume:data')?.link).toEqual({ kind: 'volume', ref: 'shop_data' });
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: 'service:web', to: 'service:db', kind: 'depends-on', label: 'service_healthy' },
        { from: 'service:web', to: 'build:web', kind: 'build' },
        { from: 'service:web', to: 'port:127.0.0.1:8080/tcp', kind: 'publishes', label: '127.0.0.1:8080→80/tcp' },
        { from: 'service:db', to: 'volume:data', kind: 'mount', label: '/var/lib/postgresql/data' },
        { from: 'service:web', to: 'bind:/home/me/shop/site', kind: 'mount', label: '/site' },
        { from: 'service:cache', to: 'network:default', kind: 'network' },
      ]),
    );
    expect(graph.edges).toHaveLength(11);
  });
});

describe('graphFromContainers', () => {
  it('draws what the containers show when the files cannot be read', () => {
    const graph = graphFromContainers('shop', [
      container({
        networks: ['shop_default'],
        ports: [{ hostIp: '0.0.0.0', published: 8080, target: 80, protocol: 'tcp' }],
      }),
      container({ name: 'shop_web_2', running: false, networks: ['shop_default'] }),
      container({
        name: 'shop_db_1',
        service: 'db',
        image: 'postgres:16',
        networks: ['shop_default'],
        mounts: [
          { type: 'volume', name: 'shop_data', target: '/data' },
          { type: 'volume', name: 'a'.repeat(64), target: '/anon' },
        ],
      }),
    ]);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      'image:postgres:16',
      'image:shop_web',
      'network:default',
      'port:0.0.0.0:8080/tcp',
      'service:db',
      'service:web',
      'volume:data',
    ]);
    expect(graph.nodes.find((n) => n.id === 'service:web')?.state).toEqual({ running: 1, total: 2 });
    expect(graph.nodes.find((n) => n.id === 'network:default')?.link).toEqual({ kind: 'network', ref: 'shop_default' });
    expect(graph.nodes.find((n) => n.id === 'volume:data')?.link).toEqual({ kind: 'volume', ref: 'shop_data' });
  });
});
