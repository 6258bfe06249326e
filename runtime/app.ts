// Composition: one engine manager, one service per domain (each domain is a
// folder, runtime/domains/<name>/), one set of handlers that both transports
// serve.
import { join } from 'node:path';
import { createEngineManager } from './engine/manager';
// The domains (runtime/domains/<name>/): one service each.
import { createBuildContextService } from './domains/build/service';
import { createBuilderService } from './domains/build/detect';
import { createChangesService } from './domains/changes/service';
import { createContainersService } from './domains/containers/service';
import { createDownloadsService, type DownloadsService } from './domains/downloads/service';
import { createEngineService } from './domains/engine/service';
import { createHelperPool } from './domains/files/helper';
import { createFilesService } from './domains/files/service';
import { createImagesService } from './domains/images/service';
import { createLogsService } from './domains/logs/service';
import { createMountsService } from './domains/mounts/service';
import { createFileCredentialStore, createKeyFileCipher, type SecretCipher } from './domains/registry/credentials';
import { createRegistryService } from './domains/registry/service';
import { type ToolProblem, defaultExternalEnv } from './domains/registry/docker-config';
import { createRunService } from './domains/run/service';
import { createSettingsService } from './domains/settings/service';
import { createTerminalService } from './domains/terminal/service';
import { createVmService } from './domains/vm/service';
import { createVolumesService } from './domains/volumes/service';
import { createNetworksService } from './domains/networks/service';
import { createPodsService } from './domains/pods/service';
import { createComposeService } from './domains/compose/service';
import { createDiskService } from './domains/disk/service';
import { createActivityService } from './domains/activity/service';
import { createProcessesService } from './domains/processes/service';
import { createStatsService } from './domains/stats/service';
import { createLearnService } from './domains/learn/service';
import { createShellService } from './domains/shell/service';
import { createAppService, type AppService, type UpdatesControl } from './domains/app/service';
import { createContextsService } from './domains/contexts/service';
import { createSettingsStore } from './settings';
import type { RuntimeSettings } from './domains/settings/types';
import type { Handlers } from './transport/handlers';
import { createVmController } from './vm/controller';
import { findImageDir } from './vm/image';
import { createVmSettingsStore } from './vm/settings';

export interface RuntimeOptions {
  /** Wharf's data folder: settings, the embedded engine, logs. */
  dataDir: string;
  /** An endpoint given on the command line: used for this run instead of discovery. */
  engine?: string;
  log?: (message: string) => void;
  /**
   * Encrypts saved registry logins. The Electron shell passes one backed by
   * safeStorage (the OS keychain); without it, a random key in a 0600 file
   * under dataDir is used (browser mode).
   */
  credentialCipher?: SecretCipher;
  /** The guest image shipped with the desktop app (<resources>/vm-image); the shell passes it. */
  bundledVmImage?: string;
  /** Learn's lessons folder (dist/runtime/lessons); found beside the running bundle or in the source tree when not given. */
  lessonsDir?: string;
  /**
   * Browser mode listens on a non-loopback address: whoever reaches it could
   * be a stranger, so the terminal on this machine is refused.
   */
  remoteClients?: boolean;
  /** Wharf's version (the desktop app's, or browser mode's package.json). */
  version?: string;
  /** Given by the desktop shell: the updater, when this is the packaged app. */
  desktop?: { updates?: UpdatesControl };
  /** A bundled compose v2 binary (<resources>/compose/docker-compose), tried before the tools on PATH. */
  bundledCompose?: string;
}

export interface WharfRuntime {
  handlers: Handlers;
  /** One-time downloads: the browser-mode server serves them, the desktop app saves them to a picked file. */
  downloads: DownloadsService;
  /** Starts discovery and connection; resolves once the first attempt settled. */
  start(): Promise<void>;
  /** Opens a page for a wharf:// link the system handed the desktop app. */
  openLink: AppService['openLink'];
  /** Each change of the settings (the desktop shell follows its language and tray choices). */
  onSettingsChange(listener: (next: RuntimeSettings) => void): () => void;
  /**
   * Stops streams and, unless the user chose to keep it, the embedded engine
   * (keepEngine: the choice made on quitting, over the one in Settings).
   */
  dispose(options?: { keepEngine?: boolean }): Promise<void>;
}

export function createRuntime(options: RuntimeOptions): WharfRuntime {
  const log = options.log ?? (() => {});
  const settings = createSettingsStore(join(options.dataDir, 'settings.json'));
  // The guest image ships with the app; WHARF_VM_IMAGE points at another (a local build).
  const vm = createVmController({
    dataDir: options.dataDir,
    settings: createVmSettingsStore(join(options.dataDir, 'vm-settings.json')),
    imageDir: findImageDir({
      env: process.env.WHARF_VM_IMAGE,
      bundled: options.bundledVmImage,
      dataDir: options.dataDir,
    }),
    log,
  });
  const manager = createEngineManager({
    settings,
    dataDir: options.dataDir,
    vm,
    ...(options.engine !== undefined ? { override: options.engine } : {}),
    log,
  });

  // Domain services see only the connected engine; the engine and VM services also get their controls.
  const access = manager.engine;
  const engine = createEngineService(access, manager.controls);
  const settingsService = createSettingsService(settings);
  // Connect anyway to an unencrypted remote engine (the manager records the acceptance).
  const engineTrust = {
    requests: {
      'engine.acceptInsecure': ({ endpoint }: { endpoint: string }) => manager.controls.acceptInsecure(endpoint),
    },
  };
  const containers = createContainersService(access);
  // One file per cipher: the desktop app's keychain-encrypted store and browser
  // mode's key-file store cannot read each other's.
  const credentials = options.credentialCipher
    ? createFileCredentialStore(join(options.dataDir, 'registries.keychain.enc'), options.credentialCipher)
    : createFileCredentialStore(
        join(options.dataDir, 'registries.enc'),
        createKeyFileCipher(join(options.dataDir, 'registry.key')),
      );
  // The docker CLI's and Podman's logins are read too (never copied into Wharf's store).
  const toolLogins = {
    ...defaultExternalEnv(),
    problems: (p: ToolProblem) => console.warn(`registry logins: ${p.message}`),
  };
  const images = createImagesService(access, credentials, toolLogins);
  const registry = createRegistryService(access, credentials, toolLogins);
  const run = createRunService(access);
  const networks = createNetworksService(access);
  const buildContexts = createBuildContextService();
  const builders = createBuilderService(access);
  // Helper containers that reach inside volumes, from Wharf's own helper image (a busybox shipped with Wharf, loaded on first need).
  const helpers = createHelperPool();
  const files = createFilesService(access, helpers);
  const volumes = createVolumesService(access, helpers, files.snapshots);
  const downloads = createDownloadsService(access, files);
  const mounts = createMountsService(access);
  const changes = createChangesService(access);
  const logs = createLogsService(access);
  const terminal = createTerminalService(access);
  const vmService = createVmService(manager.vmControls, vm);
  // Settings' TLS files, for the engine they belong to (the one chosen in Settings).
  const engineTls = (endpoint: string) => (settings.get().engine === endpoint ? settings.get().tls : null);
  // The compose tool, pointed at the connected engine.
  const compose = createComposeService(access, {
    dataDir: options.dataDir,
    tls: engineTls,
    ...(options.bundledCompose !== undefined ? { bundledTool: options.bundledCompose } : {}),
  });
  // A shell on this machine whose DOCKER_HOST is the connected engine; turning it off in Settings ends its sessions.
  const shell = createShellService(access, {
    remoteClients: options.remoteClients ?? false,
    enabled: () => settings.get().hostShell !== false,
    tls: engineTls,
    certDir: join(options.dataDir, 'shell-tls'),
  });
  settings.onChange((next) => {
    if (next.hostShell === false) shell.closeAll();
  });
  const disk = createDiskService(access, helpers);
  const processes = createProcessesService(access);
  const activity = createActivityService(access);
  // A stop asked for through Wharf: the container's death that follows is expected (Podman's events do not say).
  const containerAction = containers.requests['containers.act'];
  containers.requests['containers.act'] = (input, context) => {
    if (['stop', 'kill', 'restart', 'remove'].includes(input.action))
      activity.expectStop(input.targets.map((t) => t.id));
    return containerAction(input, context);
  };
  const stats = createStatsService(access);
  const learn = createLearnService(access, {
    dataDir: options.dataDir,
    helpers,
    log,
    ...(options.lessonsDir !== undefined ? { lessonsDir: options.lessonsDir } : {}),
  });
  const pods = createPodsService(access);
  const app = createAppService({
    version: options.version ?? '0.0.0',
    desktop: options.desktop !== undefined,
    ...(options.desktop?.updates !== undefined ? { updates: options.desktop.updates } : {}),
    allowed: () => settings.get().checkForUpdates === true,
  });
  // The updater hears the Settings switch at start and whenever it changes.
  options.desktop?.updates?.allowedChanged(settings.get().checkForUpdates === true);
  settings.onChange((next, previous) => {
    if (next.checkForUpdates !== previous.checkForUpdates)
      options.desktop?.updates?.allowedChanged(next.checkForUpdates === true);
  });
  // The docker CLI's contexts and Podman's connections; switching goes through the manager's engine choice.
  const contexts = createContextsService({ engine: access, choice: manager.controls, settings });

  // Spelled out so the compiler proves every request and subscription of the
  // contract has exactly one handler.
  const handlers: Handlers = {
    requests: {
      ...engine.requests,
      ...engineTrust.requests,
      ...settingsService.requests,
      ...containers.requests,
      ...images.requests,
      ...registry.requests,
      ...volumes.requests,
      ...terminal.requests,
      ...files.requests,
      ...mounts.requests,
      ...run.requests,
      ...networks.requests,
      ...buildContexts.requests,
      ...builders.requests,
      ...vmService.requests,
      ...downloads.requests,
      ...compose.requests,
      ...disk.requests,
      ...processes.requests,
      ...activity.requests,
      ...stats.requests,
      ...learn.requests,
      ...pods.requests,
      ...shell.requests,
      ...app.requests,
      ...contexts.requests,
    },
    subscriptions: {
      ...engine.subscriptions,
      ...changes.subscriptions,
      ...logs.subscriptions,
      ...terminal.subscriptions,
      ...volumes.subscriptions,
      ...files.subscriptions,
      ...images.subscriptions,
      ...vmService.subscriptions,
      ...downloads.subscriptions,
      ...compose.subscriptions,
      ...activity.subscriptions,
      ...stats.subscriptions,
      ...learn.subscriptions,
      ...shell.subscriptions,
      ...app.subscriptions,
    },
  };

  return {
    handlers,
    downloads,
    openLink: (link) => app.openLink(link),
    start: async () => {
      // A remembered context whose endpoint changed since is followed before the first connection.
      await contexts.followChosen().catch((e: unknown) => log(`contexts: ${String(e)}`));
      return manager.start();
    },
    onSettingsChange: (listener) => settings.onChange((next) => listener(next)),
    dispose: (disposeOptions) => {
      terminal.dispose();
      shell.dispose();
      activity.dispose();
      stats.dispose();
      learn.dispose();
      return Promise.all([helpers.dispose(), files.dispose(), buildContexts.dispose()])
        .then(() => manager.dispose(disposeOptions))
        .then(() => vm.dispose());
    },
  };
}
