// The desktop app: one window showing the renderer from app://wharf/, with the
// runtime running here in the main process and reached over IPC. Thin on
// purpose: no container logic lives in the shell.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeImage, safeStorage, session } from 'electron';
import { EngineEndpoint } from '../runtime/api/contract';
import type { AppLink } from '../runtime/domains/app/types';
import { findOwnVersion } from '../runtime/domains/app/version';
import { createRuntime, type WharfRuntime } from '../runtime/app';
import { defaultDataDir, findRendererDir } from '../runtime/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { APP_ENTRY } from './channels';
import { createSafeStorageCipher } from './credential-cipher';
import { installDesktop, type Desktop } from './desktop';
import { appAddress } from './desktop-model';
import { LINK_SCHEME, linkInArgv, parseWharfLink } from './deep-link';
import { hardenApp } from './hardening';
import { windowIcon } from './icon';
import { createIpcTransport, type IpcTransport } from './ipc';
import { menuTemplate } from './menu';
import { createUpdater, type Updater } from './updater';
import { initialLayout, keepWindowPlace } from './window-place';
import { webPreferences } from './web-preferences';

const verbose = process.env.WHARF_VERBOSE === '1';
const log = (message: string) => {
  if (verbose) console.log(`wharf: ${message}`);
};

const dataDir = defaultDataDir();
// Chromium's own files (cache, storage) stay apart from Wharf's data. Set
// before the single-instance lock, which is taken per userData folder.
app.setPath('userData', join(dataDir, 'electron'));
registerAppScheme();
app.enableSandbox();

let mainWindow: BrowserWindow | undefined;
/** The tray, native notifications, closing to the tray and the question on quitting. */
let desktop: Desktop | undefined;
// wharf:// links. The runtime hands them to the page (app.openLink); one that
// arrives before the runtime exists (macOS's open-url at launch) waits here.
let deliverLink: ((link: AppLink) => void) | undefined;
let earlyLink: AppLink | undefined;
/** Shows the window, made again when it was closed to the tray (set once the IPC transport exists). */
let showApp: (() => void) | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (a wharf:// link clicked on Windows or Linux, or the app opened again) comes here instead.
  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    openLink(linkInArgv(argv));
  });
  listenForLinks();
  app.whenReady().then(start, (error: unknown) => {
    console.error('wharf: could not start', error);
    app.exit(1);
  });
}

/** An engine named in WHARF_ENGINE is used for this run instead of discovery (tests, scripts). */
function engineOverride(): string | undefined {
  const raw = process.env.WHARF_ENGINE;
  if (!raw) return undefined;
  const parsed = EngineEndpoint.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.error(`wharf: ignoring WHARF_ENGINE: ${parsed.error.issues[0]?.message ?? 'not an engine address'}`);
  return undefined;
}

function start(): void {
  hardenApp(session.defaultSession);
  serveRenderer(session.defaultSession, findRendererDir(__dirname));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ platform: process.platform, packaged: app.isPackaged })),
  );

  const engine = engineOverride();
  // Registry passwords: encrypted with the OS keychain (safeStorage, usable once the app is ready).
  const credentialCipher = createSafeStorageCipher(safeStorage);
  // The packaged app carries the engine VM's guest image in its resources (package.json build.extraResources).
  const bundledVmImage = app.isPackaged ? join(process.resourcesPath, 'vm-image') : undefined;
  const updater = createAppUpdater();
  const runtime = createRuntime({
    dataDir,
    // A development run started on the script alone would report Electron's own version: read Wharf's package.json.
    version: app.isPackaged ? app.getVersion() : (findOwnVersion(__dirname) ?? app.getVersion()),
    desktop: updater !== undefined ? { updates: updater } : {},
    ...(app.isPackaged ? { bundledCompose: bundledComposePath() } : {}),
    ...(engine !== undefined ? { engine } : {}),
    log,
    credentialCipher,
    ...(bundledVmImage !== undefined ? { bundledVmImage } : {}),
    // Learn's lessons, copied beside the runtime's bundle by the build (dist/runtime/lessons).
    lessonsDir: join(__dirname, '..', 'runtime', 'lessons'),
  });
  const ipc = createIpcTransport(
    runtime.handlers,
    (message) => console.error(`wharf: ${message}`),
    (contents) => ({
      pick: async (suggestedName) => {
        const owner = BrowserWindow.fromWebContents(contents);
        const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
        const picked = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
        return picked.canceled || !picked.filePath ? undefined : picked.filePath;
      },
      claim: (id) => runtime.downloads.claim(id),
    }),
    {
      deps: {
        claim: (id) => runtime.downloads.claim(id),
        tempDir: () => mkdtemp(join(tmpdir(), 'wharf-drag-')),
        join,
      },
      start: (contents, file) => contents.startDrag({ file, icon: dragIcon() }),
    },
  );
  desktop = installDesktop({
    runtime,
    codeDir: __dirname,
    window: () => mainWindow,
    showWindow: (href) => showWindow(ipc, href),
    log: (message) => console.error(`wharf: ${message}`),
  });
  showApp = () => showWindow(ipc);
  stopOnQuit(runtime, ipc);
  app.on('will-quit', () => updater?.dispose());
  deliverLinksTo(runtime);

  mainWindow = createWindow(ipc);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(ipc);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !desktop?.keepsRunning()) app.quit();
  });

  runtime.start().catch((error: unknown) => console.error('wharf: engine', error));
}

/** A 1×1 image, for a platform without a window icon file: the OS drag needs an image. */
const DOT =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** The image under the pointer while a file is dragged out: Wharf's icon. */
function dragIcon(): Electron.NativeImage {
  const path = windowIcon(__dirname, process.platform);
  const image = path !== undefined ? nativeImage.createFromPath(path) : nativeImage.createEmpty();
  return image.isEmpty() ? nativeImage.createFromDataURL(DOT) : image.resize({ width: 32 });
}

/** Brings Wharf's window to the front (made again when it was closed), at a hash address when given. */
function showWindow(ipc: IpcTransport, href?: string): void {
  const address = appAddress(href);
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createWindow(ipc, address);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  // Only the fragment changes: the page follows it without reloading.
  if (address !== undefined) void mainWindow.loadURL(`${APP_ENTRY}${address}`);
}

function createWindow(ipc: IpcTransport, address?: string): BrowserWindow {
  const icon = windowIcon(__dirname, process.platform);
  const placeFile = join(dataDir, 'window-state.json');
  const layout = initialLayout(placeFile, { width: 1280, height: 820 }, { width: 880, height: 560 });
  const window = new BrowserWindow({
    ...layout.bounds,
    minWidth: 880,
    minHeight: 560,
    title: 'Wharf',
    ...(icon !== undefined ? { icon } : {}),
    show: false,
    webPreferences: webPreferences({ preload: join(__dirname, 'preload.cjs'), packaged: app.isPackaged }),
  });
  ipc.attach(window.webContents);
  desktop?.attachWindow(window);
  if (layout.maximized) window.maximize();
  keepWindowPlace(window, placeFile, log);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(`${APP_ENTRY}${address ?? ''}`);
  return window;
}

/**
 * On quit, ask first when Wharf's private engine or VM runs (desktop.ts), then
 * stop the runtime (it stops the embedded engine unless the user keeps it).
 */
function stopOnQuit(runtime: WharfRuntime, ipc: IpcTransport): void {
  let stopped = false;
  let asking = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void (desktop?.beforeQuit() ?? Promise.resolve({})).then(
      (choice) => {
        asking = false;
        if (choice) stop(choice);
      },
      (error: unknown) => {
        console.error('wharf: while asking before quitting', error);
        stop({});
      },
    );
  });
  const stop = (choice: { keepEngine?: boolean }) => {
    stopped = true;
    desktop?.dispose();
    ipc.dispose();
    runtime
      .dispose(choice)
      .catch((error: unknown) => console.error('wharf: while stopping', error))
      .finally(() => app.quit());
  };
}

/** Brings the window forward: restored if minimized, shown if hidden, made again if closed to the tray. */
function showMainWindow(): void {
  if (showApp) return showApp();
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  if (!mainWindow.isVisible()) mainWindow.show();
  mainWindow.focus();
}

function openLink(raw: string | undefined): void {
  if (raw === undefined) return;
  const parsed = parseWharfLink(raw);
  if (!parsed.ok) {
    console.error(`wharf: not opening ${JSON.stringify(raw.slice(0, 120))}: ${parsed.reason}`);
    return;
  }
  if (deliverLink) deliverLink(parsed.link);
  else earlyLink = parsed.link;
  showMainWindow();
}

/** Registers wharf:// with the system (the packaged app only: a development run leaves the system alone). */
function listenForLinks(): void {
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  else if (process.env.WHARF_REGISTER_LINKS === '1' && process.argv[1] !== undefined)
    app.setAsDefaultProtocolClient(LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  // macOS hands links over as events, also the one that launched the app.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
}

/** From now on links go to the runtime; Windows and Linux pass the launching link on the command line. */
function deliverLinksTo(runtime: WharfRuntime): void {
  deliverLink = (link) => runtime.openLink(link);
  if (earlyLink) runtime.openLink(earlyLink);
  earlyLink = undefined;
  openLink(linkInArgv(process.argv));
}

/** The updater, in the packaged app only (never in a development run or browser mode). */
function createAppUpdater(): Updater | undefined {
  if (!app.isPackaged) return undefined;
  return createUpdater({
    version: app.getVersion(),
    packaged: true,
    file: join(dataDir, 'updates.json'),
    log: (message) => console.error(`wharf: ${message}`),
  });
}

/** The compose v2 binary the macOS and Windows apps carry (package.json build.mac/win.extraResources). */
function bundledComposePath(): string {
  return join(process.resourcesPath, 'compose', process.platform === 'win32' ? 'docker-compose.exe' : 'docker-compose');
}
