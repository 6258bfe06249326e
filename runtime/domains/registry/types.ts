// Saved registry logins. Pure types: they cross the contract.

export interface RegistryAccount {
  /** As the user typed it: "127.0.0.1:5000", "docker.io", "ghcr.io". */
  registry: string;
  username: string;
  /** When Wharf saved the credentials, ISO time (logins from other tools have none). */
  savedAt?: string;
  /**
   * Where the login lives: Wharf's own store, the docker CLI's config.json,
   * a docker-credential-<helper> named there, or Podman's auth.json.
   * Absent means Wharf's own.
   */
  source?: 'wharf' | 'docker-config' | 'credential-helper' | 'podman';
  /** The credential helper's name ("pass" for docker-credential-pass). */
  helper?: string;
  /** The other tool's file the login was found through. */
  file?: string;
}

/** Where a Wharf login was also saved for the docker CLI, or why it could not be. */
export type DockerCliSave = { saved: true; file: string; helper?: string } | { saved: false; reason: string };

/** Where Wharf reads the docker CLI's and Podman's logins, and what it could not use there. */
export interface ToolLoginFiles {
  /** The docker CLI's config.json; null when Wharf does not read other tools' logins. */
  dockerConfig: string | null;
  /** Podman's auth files, in the order they are read. */
  podman: string[];
  problems: Array<{
    kind: 'unreadable' | 'not-json' | 'bad-shape' | 'helper';
    file?: string;
    helper?: string;
    registry?: string;
    detail?: string;
  }>;
}
