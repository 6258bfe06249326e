// The desktop app itself, as the UI sees it: its version, the update check,
// and the wharf:// links the system hands it. Pure types: they cross the contract.

/** The pages a wharf:// link can open. */
export type AppLinkRoute = 'containers' | 'images' | 'volumes';

/** A page a wharf:// link opens: a list, or one container, image or volume (`id`: id, name or reference). */
export interface AppLink {
  route: AppLinkRoute;
  id?: string;
}

/** Why this copy of Wharf cannot update itself. */
export type UpdatesUnsupported = 'browser' | 'development';

/** What the last update check found. */
export type UpdateCheckOutcome =
  | { result: 'current'; at: number }
  | { result: 'available'; at: number; version: string }
  | { result: 'downloaded'; at: number; version: string }
  | { result: 'error'; at: number; message: string };

export interface UpdateStatus {
  /** Only the packaged desktop app updates itself. */
  supported: boolean;
  unsupported?: UpdatesUnsupported;
  /** The release channel this build follows: "latest", or "beta"/"alpha" for pre-releases. */
  channel: string;
  checking: boolean;
  last?: UpdateCheckOutcome;
}

export interface AppInfo {
  version: string;
  /** The desktop app (Electron) rather than browser mode. */
  desktop: boolean;
  updates: UpdateStatus;
}
