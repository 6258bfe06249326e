// The compose model: the YAML the compose tool prints with `config` (or, for
// podman-compose which has no `config`, the file itself) read into
// ComposeModel. Pure. Short and long syntaxes are both read: docker-compose
// 1.29 prints ports and volumes in their short form.
import type { ComposeModel, ComposeMount, ComposePort, ComposeServiceModel } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

function protocolOf(text: string | undefined): ComposePort['protocol'] {
  return text === 'udp' || text === 'sctp' ? text : 'tcp';
}

/** One `ports:` entry: "8080", "80:80", "127.0.0.1:8081:80/tcp", "[::1]:80:80", or the long form. */
export function parsePort(entry: unknown): ComposePort[] {
  if (isObj(entry)) {
    const target = Number(entry.target);
    if (!Number.isInteger(target)) return [];
    const published = str(entry.published) ?? '';
    const hostIp = str(entry.host_ip);
    return [{ target, protocol: protocolOf(str(entry.protocol)), published, ...(hostIp ? { hostIp } : {}) }];
  }
  const text = str(entry);
  if (text === undefined) return [];
  const [main = '', proto] = text.split('/');
  let hostIp: string | undefined;
  let rest = main;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(main);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift();
  const targetText = parts.pop() ?? '';
  // "8080" and "127.0.0.1::8080" publish on a host port the engine picks: published is "".
  const published = parts.pop() ?? '';
  // A target range ("8000-8002") is kept by its first port.
  const target = Number.parseInt(targetText, 10);
  if (!Number.isInteger(target)) return [];
  return [{ target, protocol: protocolOf(proto), published, ...(hostIp ? { hostIp } : {}) }];
}

const isPath = (s: string) => s.startsWith('/') || s.startsWith('.') || s.startsWith('~') || /^[A-Za-z]:[\\/]/.test(s);

/** One `volumes:` entry of a service: "data:/data:rw", "./site:/usr/share/nginx/html:ro", "/cache", or the long form. */
export function parseMount(entry: unknown): ComposeMount[] {
  if (isObj(entry)) {
    const target = str(entry.target);
    if (target === undefined) return [];
    const type = entry.type === 'bind' || entry.type === 'tmpfs' ? entry.type : 'volume';
    const source = str(entry.source);
    return [{ type, target, readOnly: entry.read_only === true, ...(source ? { source } : {}) }];
  }
  const text = str(entry);
  if (text === undefined) return [];
  const parts = text.split(':');
  // "C:\\dir:/x" keeps its drive letter.
  if (parts.length > 2 && /^[A-Za-z]$/.test(parts[0] ?? '') && /^[\\/]/.test(parts[1] ?? ''))
    parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  if (parts.length === 1) return [{ type: 'volume', target: parts[0] ?? '', readOnly: false }];
  const [source = '', target = '', mode = ''] = parts;
  const readOnly = mode.split(',').includes('ro');
  return [{ type: isPath(source) ? 'bind' : 'volume', source, target, readOnly }];
}

function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => s !== undefined);
  if (isObj(v)) return Object.keys(v);
  return [];
}

function service(name: string, raw: Obj): ComposeServiceModel {
  const buildRaw = raw.build;
  const build =
    typeof buildRaw === 'string'
      ? { context: buildRaw }
      : isObj(buildRaw)
        ? {
            context: str(buildRaw.context) ?? '.',
            ...(str(buildRaw.dockerfile) ? { dockerfile: str(buildRaw.dockerfile) } : {}),
          }
        : undefined;
  const dependsOn = Array.isArray(raw.depends_on)
    ? names(raw.depends_on).map((s) => ({ service: s }))
    : isObj(raw.depends_on)
      ? Object.entries(raw.depends_on).map(([s, v]) => {
          const condition = isObj(v) ? str(v.condition) : undefined;
          return { service: s, ...(condition ? { condition } : {}) };
        })
      : [];
  const deploy = isObj(raw.deploy) ? raw.deploy : {};
  const replicas = Number(raw.scale ?? deploy.replicas ?? 1);
  const networks = names(raw.networks);
  const image = str(raw.image);
  return {
    name,
    ...(image ? { image } : {}),
    ...(build ? { build } : {}),
    ports: (Array.isArray(raw.ports) ? raw.ports : []).flatMap(parsePort),
    // A service that names no network is on the project's default one (unless it uses another's network).
    networks: networks.length > 0 || raw.network_mode !== undefined ? networks : ['default'],
    mounts: (Array.isArray(raw.volumes) ? raw.volumes : []).flatMap(parseMount),
    dependsOn,
    profiles: names(raw.profiles),
    replicas: Number.isInteger(replicas) && replicas >= 0 ? replicas : 1,
  };
}

function engineName(
  project: string,
  key: string,
  raw: unknown,
): { engineName: string; external: boolean; driver?: string } {
  const o = isObj(raw) ? raw : {};
  const ext = o.external;
  const external = ext === true || isObj(ext);
  const declared = str(o.name) ?? (isObj(ext) ? str(ext.name) : undefined);
  const driver = str(o.driver);
  return {
    engineName: declared ?? (external ? key : `${project}_${key}`),
    external,
    ...(driver ? { driver } : {}),
  };
}

/** Reads a parsed compose document into the model. `project` is the name compose runs it under (-p). */
export function readModel(doc: unknown, project: string): ComposeModel {
  const root = isObj(doc) ? doc : {};
  const services = Object.entries(isObj(root.services) ? root.services : {}).map(([name, raw]) =>
    service(name, isObj(raw) ? raw : {}),
  );
  const netDecl = isObj(root.networks) ? root.networks : {};
  const netNames = new Set(Object.keys(netDecl));
  if (services.some((s) => s.networks.includes('default'))) netNames.add('default');
  const networks = [...netNames].map((name) => ({ name, ...engineName(project, name, netDecl[name]) }));
  const volDecl = isObj(root.volumes) ? root.volumes : {};
  const volumes = Object.keys(volDecl).map((name) => {
    const { engineName: e, external } = engineName(project, name, volDecl[name]);
    return { name, engineName: e, external };
  });
  return { project, services, networks, volumes };
}

/** The project name a file declares (`name:`), if any. */
export function declaredName(doc: unknown): string | undefined {
  return isObj(doc) ? str(doc.name) : undefined;
}

/** The project name compose derives from a folder name: lowercase, only [a-z0-9_-]. */
export function projectNameFromDir(dir: string): string {
  const base =
    dir
      .split(/[\\/]/)
      .filter((p) => p !== '')
      .at(-1) ?? 'project';
  const name = base.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return name === '' ? 'project' : name;
}
