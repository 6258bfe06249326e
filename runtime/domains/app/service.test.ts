import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import type { SubscriptionSink } from '../../transport/handlers';
import { releaseChannel } from './channel';
import { createAppService, type UpdatesControl } from './service';
import type { AppLink, UpdateStatus } from './types';

const sink = () => {
  const seen: AppLink[] = [];
  const s: SubscriptionSink<AppLink> = { emit: (e) => seen.push(e), fail: () => {} };
  return { s, seen };
};

const fakeUpdates = (): UpdatesControl & { checks: number; installs: number; downloaded: boolean } => {
  const status: UpdateStatus = { supported: true, channel: 'latest', checking: false };
  const control = {
    checks: 0,
    status: () => status,
    check: async () => {
      control.checks += 1;
      return { ...status, last: { result: 'current' as const, at: 1 } };
    },
    allowedChanged: () => {},
    installs: 0,
    install: async () => {
      control.installs += 1;
      return control.downloaded;
    },
    downloaded: false,
  };
  return control;
};

describe('app links', () => {
  it('gives a link to every listening page', () => {
    const app = createAppService({ version: '1.0.0', desktop: true, allowed: () => false });
    const a = sink();
    const b = sink();
    app.subscriptions['app.openLink']({}, a.s);
    const stopB = app.subscriptions['app.openLink']({}, b.s);
    app.openLink({ route: 'containers', id: 'web' });
    stopB();
    app.openLink({ route: 'volumes' });
    expect(a.seen).toEqual([{ route: 'containers', id: 'web' }, { route: 'volumes' }]);
    expect(b.seen).toEqual([{ route: 'containers', id: 'web' }]);
  });

  it('keeps the link that launched the app for the first page that listens, once', () => {
    const app = createAppService({ version: '1.0.0', desktop: true, allowed: () => false });
    app.openLink({ route: 'images', id: 'nginx:1.27' });
    const first = sink();
    const second = sink();
    app.subscriptions['app.openLink']({}, first.s);
    app.subscriptions['app.openLink']({}, second.s);
    expect(first.seen).toEqual([{ route: 'images', id: 'nginx:1.27' }]);
    expect(second.seen).toEqual([]);
  });
});

describe('app info and update checks', () => {
  it('browser mode: the version, and updates unsupported', async () => {
    const app = createAppService({ version: '1.2.0-beta.1', desktop: false, allowed: () => true });
    expect(await app.requests['app.info']({})).toEqual({
      version: '1.2.0-beta.1',
      desktop: false,
      updates: { supported: false, unsupported: 'browser', channel: 'beta', checking: false },
    });
    await expect(app.requests['app.checkForUpdates']({})).rejects.toMatchObject({
      code: 'unavailable',
      key: 'updates.unsupported',
    });
  });

  it('a development build of the desktop app says so', async () => {
    const app = createAppService({ version: '1.0.0', desktop: true, allowed: () => true });
    expect((await app.requests['app.info']({})).updates.unsupported).toBe('development');
  });

  it('checks only when the user allows it', async () => {
    let allowed = false;
    const updates = fakeUpdates();
    const app = createAppService({ version: '1.0.0', desktop: true, updates, allowed: () => allowed });
    const refused = app.requests['app.checkForUpdates']({});
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ key: 'updates.off' });
    expect(updates.checks).toBe(0);
    allowed = true;
    expect((await app.requests['app.checkForUpdates']({})).last).toEqual({ result: 'current', at: 1 });
    expect(updates.checks).toBe(1);
  });

  it('installs only a downloaded version; browser mode cannot', async () => {
    const updates = fakeUpdates();
    const app = createAppService({ version: '1.0.0', desktop: true, updates, allowed: () => true });
    await expect(app.requests['app.installUpdate']({})).rejects.toMatchObject({
      code: 'conflict',
      key: 'updates.notDownloaded',
    });
    updates.downloaded = true;
    await expect(app.requests['app.installUpdate']({})).resolves.toEqual({ restarting: true });
    expect(updates.installs).toBe(2);
    const browser = createAppService({ version: '1.0.0', desktop: false, allowed: () => true });
    await expect(browser.requests['app.installUpdate']({})).rejects.toMatchObject({ key: 'updates.unsupported' });
  });
});

describe('releaseChannel', () => {
  it('names the channel electron-updater uses for a version', () => {
    expect(releaseChannel('1.4.0')).toBe('latest');
    expect(releaseChannel('1.5.0-beta.2')).toBe('beta');
    expect(releaseChannel('2.0.0-alpha')).toBe('alpha');
    expect(releaseChannel('2.0.0-RC.1')).toBe('rc');
    expect(releaseChannel('1.0.0-1')).toBe('latest');
    expect(releaseChannel('not a version')).toBe('latest');
  });
});
