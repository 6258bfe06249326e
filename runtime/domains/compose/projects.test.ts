import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { composeMembership } from './labels';
import { type ProjectContainer, labelledFiles, summarize } from './projects';

function c(project: string, service: string, running: boolean, files = '/home/me/shop/compose.yaml'): ProjectContainer {
  const labels = {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.project.working_dir': `/home/me/${project}`,
    'com.docker.compose.project.config_files': files,
  };
  const membership = composeMembership(labels);
  if (!membership) throw new Error('labels');
  return {
    info: { Id: `${project}-${service}`, Labels: labels } as unknown as Docker.ContainerInfo,
    membership,
    name: `${project}_${service}_1`,
    running,
  };
}

describe('summarize', () => {
  const here = new Set(['/home/me/shop/compose.yaml', '/home/me/blog/compose.yaml']);
  const exists = (p: string) => here.has(p);

  it('groups containers into projects with their state', () => {
    const list = summarize(
      [
        c('shop', 'web', true),
        c('shop', 'db', true),
        c('blog', 'web', true, '/home/me/blog/compose.yaml'),
        c('blog', 'db', false, '/home/me/blog/compose.yaml'),
        c('old', 'x', false, '/gone/compose.yaml'),
      ],
      [],
      exists,
    );
    expect(list.map((p) => [p.name, p.state, p.containers, p.filesReachable])).toEqual([
      ['blog', 'partial', { total: 2, running: 1 }, true],
      ['old', 'stopped', { total: 1, running: 0 }, false],
      ['shop', 'running', { total: 2, running: 2 }, true],
    ]);
    expect(list[2]).toMatchObject({
      services: ['db', 'web'],
      workingDir: '/home/me/shop',
      configFiles: ['/home/me/shop/compose.yaml'],
    });
  });

  it('adds an opened file that is not up as not-created', () => {
    const ref = {
      id: 'a'.repeat(16),
      path: '/home/me/blog/compose.yaml',
      origin: 'path' as const,
      project: 'blog',
      openedAt: 1,
    };
    expect(summarize([], [{ ref, services: ['web', 'db'] }], exists)).toEqual([
      {
        name: 'blog',
        state: 'not-created',
        containers: { total: 0, running: 0 },
        services: ['db', 'web'],
        workingDir: '/home/me/blog',
        configFiles: ['/home/me/blog/compose.yaml'],
        fileId: 'a'.repeat(16),
        filesReachable: true,
      },
    ]);
  });

  it('resolves the relative file names podman-compose writes', () => {
    expect(labelledFiles({ workingDir: '/home/me/shop', configFiles: ['compose.yaml'] })).toEqual([
      '/home/me/shop/compose.yaml',
    ]);
  });
});
