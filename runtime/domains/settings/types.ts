// The runtime's settings, as the settings page reads and writes them. Pure types: they cross the contract.

export interface RuntimeSettings {
  /** Engine endpoint the user chose; null means discover. */
  engine: string | null;
  /** TLS material for tcp:// endpoints (paths on the runtime's machine). */
  tls: { ca?: string; cert?: string; key?: string; verify: boolean } | null;
  /** Keep Wharf's private engine running after Wharf quits. */
  keepEmbeddedEngine: boolean;
  /** Unencrypted remote endpoints (tcp://host:port) the user chose to connect to anyway; absent when none. */
  insecureAccepted?: string[];
  /** Which notifications to show; absent means every kind. */
  notifications?: NotificationSettings;
  /** Offer a terminal on the machine Wharf runs on (Terminals page); absent means on. */
  hostShell?: boolean;
  /** The app's language, as chosen in the page: the desktop app's tray and notifications speak it too. */
  language?: 'en' | 'ko';
  /** Desktop app: closing the window leaves Wharf running in the tray; absent means the platform's default. */
  trayOnClose?: boolean;
  /** Desktop app, on quit: Wharf's private engine or VM is stopped, left running, or the user is asked (absent). */
  quitEngine?: QuitEngineChoice;
  /** Desktop app: the one-time notice that Wharf keeps running in the tray was shown. */
  trayNoticeShown?: boolean;
  /** Let the desktop app check for new versions (GitHub releases); absent means off. */
  checkForUpdates?: boolean;
  /**
   * The docker context or Podman connection the engine was chosen by (the
   * engine switcher); it names the choice while `engine` still is its endpoint.
   * null in a patch forgets it.
   */
  engineContext?: EngineContextRef | null;
}

export interface EngineContextRef {
  kind: 'docker-context' | 'podman-connection';
  name: string;
}

export type QuitEngineChoice = 'ask' | 'stop' | 'keep';

/** Each kind of notification, on or off. */
export interface NotificationSettings {
  /** A container stopped with an error nobody asked for. */
  died: boolean;
  /** The kernel killed a container for memory. */
  oom: boolean;
  /** A container's health check started failing. */
  unhealthy: boolean;
  /** A pull, push, build or compose up finished while Wharf was in the background or on another page. */
  longAction: boolean;
}
