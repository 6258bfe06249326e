import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { groupByProject, groupsOf, matchesComposeFilter, visibleRows } from './compose-groups';

const container = (
  name: string,
  state: ContainerSummary['state'],
  compose?: [string, string, number?],
): ContainerSummary => ({
  id: `${name}-id`,
  name,
  image: 'wharf-test/shell',
  imageId: 'sha256:1',
  command: 'sh',
  state,
  status: '',
  created: 1,
  ports: [],
  labels: compose
    ? {
        'com.docker.compose.project': compose[0],
        'com.docker.compose.service': compose[1],
        'com.docker.compose.project.config_files': `/srv/${compose[0]}/compose.yaml`,
        ...(compose[2] ? { 'com.docker.compose.container-number': String(compose[2]) } : {}),
      }
    : {},
  mounts: [],
});

const list = [
  container('solo', 'running'),
  container('shop_web_2', 'exited', ['shop', 'web', 2]),
  container('blog_db_1', 'running', ['blog', 'db', 1]),
  container('shop_db_1', 'running', ['shop', 'db', 1]),
  container('shop_web_1', 'running', ['shop', 'web', 1]),
  container('other', 'exited'),
];

describe('containers grouped by compose project', () => {
  it('puts a project where its first container was, its members by service and number, counting those running', () => {
    const entries = groupByProject(list);
    expect(entries.map((e) => (e.kind === 'group' ? `[${e.group.project}]` : e.container.name))).toEqual([
      'solo',
      '[shop]',
      '[blog]',
      'other',
    ]);
    const shop = entries[1]!;
    if (shop.kind !== 'group') throw new Error('not a group');
    expect(shop.group.containers.map((c) => c.name)).toEqual(['shop_db_1', 'shop_web_1', 'shop_web_2']);
    expect([shop.group.running, shop.group.total]).toEqual([2, 3]);
    expect(shop.group.configFiles).toEqual(['/srv/shop/compose.yaml']);
  });

  it('shows a group’s members unless it is collapsed, with their service and number', () => {
    const entries = groupByProject(list);
    const open = visibleRows(entries, {});
    expect(open).toHaveLength(8);
    const web2 = open.find((r) => r.kind === 'container' && r.container.name === 'shop_web_2');
    expect(web2).toMatchObject({ project: 'shop', membership: { service: 'web', number: 2 } });
    const closed = visibleRows(entries, { shop: true });
    expect(
      closed.map((r) => (r.kind === 'group' ? `[${r.group.project}${r.expanded ? '' : '+'}]` : r.container.name)),
    ).toEqual(['solo', '[shop+]', '[blog]', 'blog_db_1', 'other']);
  });

  it('keeps a group as it was when its members did not change, and makes a new one when they did', () => {
    const before = groupsOf(groupByProject(list));
    const groups = (entries: ReturnType<typeof groupByProject>) =>
      Object.fromEntries(entries.flatMap((e) => (e.kind === 'group' ? [[e.group.project, e.group]] : [])));
    const stoppedBlog = { ...list[2]!, state: 'exited' as const };
    const after = groups(groupByProject([list[0]!, list[1]!, stoppedBlog, list[3]!, list[4]!], before));
    expect(after.shop).toBe(before.get('shop'));
    expect(after.blog).not.toBe(before.get('blog'));
    expect([after.blog?.running, after.blog?.total]).toEqual([0, 1]);
    const fewer = groups(groupByProject([list[1]!, list[2]!, list[3]!], before));
    expect(fewer.shop).not.toBe(before.get('shop'));
    expect(fewer.shop?.containers.map((c: ContainerSummary) => c.name)).toEqual(['shop_db_1', 'shop_web_2']);
  });

  it('matches a filter on the project or service name', () => {
    expect(matchesComposeFilter(list[1]!, 'SHOP')).toBe(true);
    expect(matchesComposeFilter(list[1]!, 'web')).toBe(true);
    expect(matchesComposeFilter(list[1]!, 'blog')).toBe(false);
    expect(matchesComposeFilter(list[0]!, 'solo')).toBe(false);
  });
});
