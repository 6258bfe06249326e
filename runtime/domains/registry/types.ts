// Saved registry logins. Pure types: they cross the contract.

export interface RegistryAccount {
  /** As the user typed it: "127.0.0.1:5000", "docker.io", "ghcr.io". */
  registry: string;
  username: string;
  /** When the credentials were saved, ISO time. */
  savedAt: string;
}
