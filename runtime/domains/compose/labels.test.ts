import { describe, expect, it } from 'vitest';
import { composeMembership } from './labels';

describe('composeMembership', () => {
  it('reads the labels compose puts on a container', () => {
    expect(
      composeMembership({
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
        'com.docker.compose.container-number': '2',
        'com.docker.compose.project.working_dir': '/home/me/shop',
        'com.docker.compose.project.config_files': '/home/me/shop/compose.yaml,/home/me/shop/compose.override.yaml',
        'com.docker.compose.oneoff': 'False',
      }),
    ).toEqual({
      project: 'shop',
      service: 'web',
      number: 2,
      workingDir: '/home/me/shop',
      configFiles: ['/home/me/shop/compose.yaml', '/home/me/shop/compose.override.yaml'],
      oneOff: false,
    });
  });

  it('is undefined for a container no compose tool created', () => {
    expect(composeMembership({ maintainer: 'me' })).toBeUndefined();
    expect(composeMembership({ 'com.docker.compose.project': 'shop' })).toBeUndefined();
  });

  it('marks compose run containers as one-off and tolerates missing optional labels', () => {
    expect(
      composeMembership({
        'com.docker.compose.project': 'p',
        'com.docker.compose.service': 's',
        'com.docker.compose.oneoff': 'True',
      }),
    ).toEqual({ project: 'p', service: 's', configFiles: [], oneOff: true });
  });
});
