// The desktop app: one window showing the renderer from app://wharf/, with the
// runtime running here in the main process and reached over IPC. Thin on
// purpose: no container logic lives in the shell.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeImage, safeStorage, session } from 'electron';
import { EngineEndpoint } from '../runtime/api/contract';
import { createRuntime, type WharfRuntime } from '../runtime/app';
import { defaultDataDir, findRendererDir } from '../runtime/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { APP_ENTRY } from './channels';
import { createSafeStorageCipher } from './credential-cipher';
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
    {
      deps: {
        claim: (id) => runtime.downloads.claim(id),
        tempDir: () => mkdtemp(join(tmpdir(), 'wharf-drag-')),
        join,
      },
      start: (contents, file) => contents.startDrag({ file, icon: dragIcon() }),
    },
  );
  stopOnQuit(runtime, ipc);

  mainWindow = createWindow(ipc);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(ipc);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
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

function createWindow(ipc: IpcTransport): BrowserWindow {
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
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(APP_ENTRY);
  return window;
}

/** On quit, stop the runtime first (it stops the embedded engine unless the user keeps it). */
function stopOnQuit(runtime: WharfRuntime, ipc: IpcTransport): void {
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    ipc.dispose();
    runtime
      .dispose()
      .catch((error: unknown) => console.error('wharf: while stopping', error))
      .finally(() => app.quit());
  });
}
