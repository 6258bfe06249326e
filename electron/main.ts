// The desktop app: one window showing the renderer from app://wharf/, with the
// runtime running here in the main process and reached over IPC. Thin on
// purpose: no container logic lives in the shell.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, safeStorage, session } from 'electron';
import { EngineEndpoint } from '../runtime/api/contract';
import { createRuntime, type WharfRuntime } from '../runtime/app';
import { defaultDataDir, findRendererDir } from '../runtime/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { APP_ENTRY } from './channels';
import { createSafeStorageCipher } from './credential-cipher';
import { installDesktop, type Desktop } from './desktop';
import { appAddress } from './desktop-model';
import { hardenApp } from './hardening';
import { windowIcon } from './icon';
import { createIpcTransport, type IpcTransport } from './ipc';
import { menuTemplate } from './menu';
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

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
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
  const runtime = createRuntime({
    dataDir,
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
  );
  desktop = installDesktop({
    runtime,
    codeDir: __dirname,
    window: () => mainWindow,
    showWindow: (href) => showWindow(ipc, href),
    log: (message) => console.error(`wharf: ${message}`),
  });
  stopOnQuit(runtime, ipc);

  mainWindow = createWindow(ipc);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(ipc);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !desktop?.keepsRunning()) app.quit();
  });

  runtime.start().catch((error: unknown) => console.error('wharf: engine', error));
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
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'Wharf',
    ...(icon !== undefined ? { icon } : {}),
    show: false,
    webPreferences: webPreferences({ preload: join(__dirname, 'preload.cjs'), packaged: app.isPackaged }),
  });
  ipc.attach(window.webContents);
  desktop?.attachWindow(window);
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
