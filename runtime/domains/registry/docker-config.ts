// Logins made with the docker CLI or Podman, read where those tools keep them:
// the CLI's config.json ($DOCKER_CONFIG/config.json, default ~/.docker/config.json:
// credHelpers[host], then credsStore, then auths[host].auth) and Podman's
// auth.json (REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json,
// ~/.config/containers/auth.json). Credential helpers are run as the CLI runs
// them: `docker-credential-<name> get` with the server on stdin, JSON on stdout.
// Nothing read here is copied into Wharf's own store.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const DOCKER_HUB = 'docker.io';
/** The key the docker CLI files Docker Hub's login under. */
export const HUB_KEY = 'https://index.docker.io/v1/';

export type LoginSource =
  | { kind: 'docker-config'; file: string }
  | { kind: 'credential-helper'; helper: string; file: string }
  | { kind: 'podman'; file: string };

export interface ExternalLogin {
  registry: string;
  username: string;
  password: string;
  source: LoginSource;
}

/** What is read from a tool's file: only the keys Wharf uses; everything else is kept as it is. */
const AuthEntry = z.object({ auth: z.string().optional(), identitytoken: z.string().optional() }).passthrough();
export const ConfigFile = z
  .object({
    auths: z.record(z.string(), AuthEntry).optional(),
    credsStore: z.string().optional(),
    credHelpers: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();
export type ConfigFile = z.infer<typeof ConfigFile>;
const HelperAnswer = z.object({ Username: z.string(), Secret: z.string() }).passthrough();
const HelperList = z.record(z.string(), z.string());

/** A helper name goes into a program name: letters, digits, dot, dash, underscore only. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A login file that could not be used, or a helper that failed: the login is skipped, never a crash. */
export interface ToolProblem {
  /** 'unreadable', 'not-json', 'bad-shape': `file`; 'helper': docker-credential-`helper` failed (for `registry`). */
  kind: 'unreadable' | 'not-json' | 'bad-shape' | 'helper';
  file?: string;
  helper?: string;
  registry?: string;
  /** The system's or the helper's own words, as they gave them. */
  detail?: string;
  /** The whole problem in English, for the runtime's log. */
  message: string;
}

export interface ExternalEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  /** Told about a broken file or a failing helper; the login is then skipped, never a crash. */
  problems?: (problem: ToolProblem) => void;
}

export const defaultExternalEnv = (): ExternalEnv => ({ env: process.env, home: homedir() });

/** The docker CLI's config.json for this environment. */
export const dockerConfigFile = ({ env, home }: ExternalEnv): string =>
  join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json');

/** Podman's auth files, in the order Podman reads them. */
export function podmanAuthFiles({ env, home }: ExternalEnv): string[] {
  if (env.REGISTRY_AUTH_FILE) return [env.REGISTRY_AUTH_FILE];
  const files: string[] = [];
  if (env.XDG_RUNTIME_DIR) files.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  files.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json'));
  return files;
}

/** "https://127.0.0.1:5000/v2/" → "127.0.0.1:5000"; Docker Hub's many names → "docker.io". */
export function hostOfKey(key: string): string {
  const host = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io'].includes(host) ? DOCKER_HUB : host;
}

/** The key the CLI uses for a registry: Hub's URL, or the host itself. */
export const cliKey = (registry: string): string => (registry === DOCKER_HUB ? HUB_KEY : registry);

/** The entry of a record whose key names this registry: the exact key first, then any spelling of it. */
function entryFor<T>(record: Record<string, T> | undefined, registry: string): [string, T] | undefined {
  if (record === undefined) return undefined;
  const exact = cliKey(registry);
  if (exact in record) return [exact, record[exact] as T];
  if (registry in record) return [registry, record[registry] as T];
  const found = Object.entries(record).find(([key]) => hostOfKey(key) === registry);
  return found;
}

/** Reads and validates a tool's file: undefined when there is none; a broken file is reported and skipped. */
export async function readToolFile(file: string, report: (p: ToolProblem) => void): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      report({
        kind: 'unreadable',
        file,
        detail: (error as Error).message,
        message: `${file} cannot be read: ${(error as Error).message}`,
      });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    report({ kind: 'not-json', file, message: `${file} is not valid JSON; its logins are not used.` });
    return undefined;
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues[0]?.message ?? 'unknown shape';
    report({ kind: 'bad-shape', file, detail, message: `${file} does not look like a login file: ${detail}.` });
    return undefined;
  }
  return parsed.data;
}

/** The user name credential helpers give for an identity token (the token is then the secret). */
export const TOKEN_USER = '<token>';

/** What the engine is sent for a login: an identity token as such, else user name and password. */
export function engineAuth(login: { username: string; password: string }, serveraddress: string) {
  return login.username === TOKEN_USER
    ? { identitytoken: login.password, serveraddress }
    : { username: login.username, password: login.password, serveraddress };
}

/** An auths entry's login: an identity token when the file holds one, else the decoded user:password. */
function entryLogin(entry: z.infer<typeof AuthEntry> | undefined) {
  if (entry?.identitytoken) return { username: TOKEN_USER, password: entry.identitytoken };
  return entry?.auth ? decodeAuth(entry.auth) : undefined;
}

/** "dXNlcjpwYXNz" → { username: "user", password: "pass" }; undefined when it is not user:password. */
export function decodeAuth(auth: string): { username: string; password: string } | undefined {
  const plain = Buffer.from(auth, 'base64').toString('utf8');
  const colon = plain.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: plain.slice(0, colon), password: plain.slice(colon + 1) };
}

export const encodeAuth = (username: string, password: string): string =>
  Buffer.from(`${username}:${password}`, 'utf8').toString('base64');

/** Runs `docker-credential-<name> <action>` with `input` on stdin; rejects with the helper's own words. */
export function runHelper(name: string, action: 'get' | 'store' | 'list', input: string, env: NodeJS.ProcessEnv) {
  if (!HELPER_NAME.test(name)) return Promise.reject(new Error(`"${name}" is not a credential helper name.`));
  return new Promise<string>((resolve, reject) => {
    const child = execFile(
      `docker-credential-${name}`,
      [action],
      { env, timeout: 30_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          const words = `${stdout}`.trim() || `${stderr}`.trim() || error.message;
          reject(new Error(words));
        } else resolve(`${stdout}`);
      },
    );
    child.stdin?.end(input);
  });
}

const notFound = (message: string) => /credentials not found/i.test(message);

async function helperGet(
  name: string,
  registry: string,
  serverKey: string,
  x: ExternalEnv,
): Promise<{ username: string; password: string } | undefined> {
  try {
    const answer = HelperAnswer.safeParse(JSON.parse(await runHelper(name, 'get', serverKey, x.env)));
    if (!answer.success) {
      x.problems?.({
        kind: 'helper',
        helper: name,
        registry,
        detail: 'not a login',
        message: `docker-credential-${name} answered something that is not a login for ${registry}.`,
      });
      return undefined;
    }
    // Some helpers answer an empty login for a server they do not know; the CLI treats it as none.
    if (answer.data.Username === '' && answer.data.Secret === '') return undefined;
    return { username: answer.data.Username, password: answer.data.Secret };
  } catch (error) {
    const message = (error as Error).message;
    if (!notFound(message))
      x.problems?.({
        kind: 'helper',
        helper: name,
        registry,
        detail: message,
        message: `docker-credential-${name} could not give the login for ${registry}: ${message}`,
      });
    return undefined;
  }
}

/** The CLI's login for one registry: credHelpers[host], then credsStore, then auths[host].auth. */
async function fromDockerConfig(registry: string, x: ExternalEnv): Promise<ExternalLogin | undefined> {
  const file = dockerConfigFile(x);
  const config = await readToolFile(file, x.problems ?? (() => {}));
  if (config === undefined) return undefined;
  const helperEntry = entryFor(config.credHelpers, registry);
  const helper = helperEntry?.[1] ?? config.credsStore;
  if (helper !== undefined && helper !== '') {
    // The CLI asks the helper under the key it used to store: Hub's URL, or the host.
    const key = helperEntry?.[0] ?? entryFor(config.auths, registry)?.[0] ?? cliKey(registry);
    const got = await helperGet(helper, registry, key, x);
    if (got !== undefined) return { registry, ...got, source: { kind: 'credential-helper', helper, file } };
    // The CLI stops at the helper; so does Wharf, when credHelpers names one for this host.
    if (helperEntry !== undefined) return undefined;
  }
  const decoded = entryLogin(entryFor(config.auths, registry)?.[1]);
  return decoded && { registry, ...decoded, source: { kind: 'docker-config', file } };
}

async function fromPodman(registry: string, x: ExternalEnv): Promise<ExternalLogin | undefined> {
  for (const file of podmanAuthFiles(x)) {
    const decoded = entryLogin(entryFor((await readToolFile(file, x.problems ?? (() => {})))?.auths, registry)?.[1]);
    if (decoded) return { registry, ...decoded, source: { kind: 'podman', file } };
  }
  return undefined;
}

/** The docker CLI's login for a registry ("docker.io", "127.0.0.1:5000"), else Podman's; undefined when neither has one. */
export async function findExternalLogin(registry: string, x: ExternalEnv): Promise<ExternalLogin | undefined> {
  return (await fromDockerConfig(registry, x)) ?? (await fromPodman(registry, x));
}

/** Every registry the CLI or Podman holds a login for, with the user name only (never the password). */
export async function listExternalLogins(x: ExternalEnv): Promise<Omit<ExternalLogin, 'password'>[]> {
  const found = new Map<string, Omit<ExternalLogin, 'password'>>();
  const add = (login: Omit<ExternalLogin, 'password'>) => {
    if (!found.has(login.registry)) found.set(login.registry, login);
  };
  const report = x.problems ?? (() => {});
  const file = dockerConfigFile(x);
  const config = await readToolFile(file, report);
  if (config !== undefined) {
    for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
      const registry = hostOfKey(key);
      const got = await helperGet(helper, registry, key, x);
      if (got) add({ registry, username: got.username, source: { kind: 'credential-helper', helper, file } });
    }
    if (config.credsStore) {
      const helper = config.credsStore;
      try {
        const listed = HelperList.safeParse(JSON.parse(await runHelper(helper, 'list', '', x.env)));
        if (listed.success)
          for (const [key, username] of Object.entries(listed.data))
            add({ registry: hostOfKey(key), username, source: { kind: 'credential-helper', helper, file } });
      } catch (error) {
        const detail = (error as Error).message;
        report({
          kind: 'helper',
          helper,
          detail,
          message: `docker-credential-${helper} could not list its logins: ${detail}`,
        });
      }
    }
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
      const decoded = entryLogin(entry);
      if (decoded)
        add({ registry: hostOfKey(key), username: decoded.username, source: { kind: 'docker-config', file } });
    }
  }
  for (const podmanFile of podmanAuthFiles(x)) {
    for (const [key, entry] of Object.entries((await readToolFile(podmanFile, report))?.auths ?? {})) {
      const decoded = entryLogin(entry);
      if (decoded)
        add({ registry: hostOfKey(key), username: decoded.username, source: { kind: 'podman', file: podmanFile } });
    }
  }
  return [...found.values()].sort((a, b) => a.registry.localeCompare(b.registry));
}

/**
 * Saves a login where the docker CLI reads it: the credential helper config.json
 * names for this registry (`docker-credential-<name> store`), else
 * auths[key].auth in config.json, written atomically with every other key kept.
 * A config.json that is not valid JSON is left alone and reported.
 */
export async function saveForDockerCli(
  registry: string,
  username: string,
  password: string,
  x: ExternalEnv,
): Promise<LoginSource> {
  const file = dockerConfigFile(x);
  const raw = await readDockerConfigObject(file);
  const config = ConfigFile.safeParse(raw);
  if (!config.success) throw new Error(`${file} is not a valid docker CLI configuration, so it was left as it is.`);
  const helperEntry = entryFor(config.data.credHelpers, registry);
  const helper = helperEntry?.[1] || config.data.credsStore;
  const key = helperEntry?.[0] ?? entryFor(config.data.auths, registry)?.[0] ?? cliKey(registry);
  if (helper) {
    await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: username, Secret: password }), x.env);
    return { kind: 'credential-helper', helper, file };
  }
  const auths = { ...(config.data.auths ?? {}) };
  auths[key] = { ...(auths[key] ?? {}), auth: encodeAuth(username, password) };
  await writeDockerConfigObject(file, { ...raw, auths });
  return { kind: 'docker-config', file };
}

/** config.json as an object ({} when there is none); throws, naming the file, when it is not a JSON object. */
export async function readDockerConfigObject(file: string): Promise<Record<string, unknown>> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new SyntaxError('not an object');
    return json as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is not a valid docker CLI configuration, so it was left as it is.`);
  }
}

/** Writes config.json atomically (tab-indented, as the CLI writes it), readable by its owner only. */
export async function writeDockerConfigObject(file: string, raw: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, `${JSON.stringify(raw, null, '\t')}\n`, { mode: 0o600 });
  await rename(tmp, file);
}
