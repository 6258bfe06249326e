// Kubernetes YAML, read and written. Pure (the renderer runs it too):
// - checkKubeYaml: Wharf's own check of a file before `podman kube play`, so
//   a mistake gets its line and what to do, and nothing is created;
// - composeToKube: a compose project's model as the Kubernetes objects that
//   would run it on a cluster: a Deployment per service, a Service per
//   published port, a PersistentVolumeClaim per named volume.
import { type Document, LineCounter, isMap, isSeq, parseAllDocuments, stringify } from 'yaml';
import type { ComposeModel, ComposeMount, ComposePort, ComposeServiceModel } from '../compose/types';
import type { KubeCheck, KubeObject, KubeProblem, KubeProblemKey } from './types';

/** Largest YAML Wharf plays. */
export const MAX_KUBE_YAML_BYTES = 512 * 1024;

/** The length of `text` in UTF-8 bytes (what the engine receives). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The kinds `podman kube play` creates something from. */
export const PLAYABLE_KINDS = ['Pod', 'Deployment', 'PersistentVolumeClaim', 'ConfigMap'] as const;
/** Kinds kube play reads but makes nothing from (a Service's ports come from the containers' ports on Podman). */
const KEPT_KINDS = ['Service'];

const TEXTS: Record<KubeProblemKey, (p: Record<string, string>) => string> = {
  syntax: (p) => `This is not valid YAML: ${p.reason}. Check the indentation and the colons on this line.`,
  tab: () => 'YAML indents with spaces only. Replace the tab on this line with spaces.',
  notMapping: () => 'Each document must be a mapping of keys (apiVersion:, kind:, metadata:, spec:).',
  noKind: () => 'This document has no kind:. Add one, e.g. kind: Deployment or kind: Pod.',
  noApiVersion: (p) => `This ${p.kind} has no apiVersion:. Add apiVersion: ${p.expected}.`,
  unsupportedKind: (p) =>
    `Podman cannot play kind ${p.kind}. It plays Pod, Deployment, PersistentVolumeClaim and ConfigMap (a Service is read and left out).`,
  noName: (p) => `This ${p.kind} has no metadata.name. Give it a name under metadata:.`,
  noContainers: (p) => `This ${p.kind} lists no containers. Add at least one under ${p.path}.`,
  noImage: (p) => `Container ${p.container} has no image:. Add the image it runs, e.g. image: busybox:latest.`,
  noContainerName: () => 'A container here has no name:. Give each container a name.',
  nothingToPlay: () => 'Nothing here makes a pod or a volume. Add a Pod or a Deployment.',
  tooLarge: () => 'This file is too large to play. Split it into smaller files.',
};

function problem(key: KubeProblemKey, line: number, column: number, params: Record<string, string> = {}): KubeProblem {
  return { line, column, key, params, message: TEXTS[key](params) };
}

const API_VERSIONS: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  PersistentVolumeClaim: 'v1',
  ConfigMap: 'v1',
  Deployment: 'apps/v1',
};

/** Checks a Kubernetes YAML the way kube play will read it; the problems come in file order. */
export function checkKubeYaml(text: string): KubeCheck {
  if (utf8Length(text) > MAX_KUBE_YAML_BYTES) return { ok: false, problems: [problem('tooLarge', 1, 1)] };
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0);
  const problems: KubeProblem[] = [];
  const objects: KubeObject[] = [];
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) problems.push(problem('notMapping', 1, 1));
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors.slice(0, 1)) {
        const pos = at(e.pos[0]);
        const tab = e.code === 'TAB_AS_INDENT' || /\t/.test(text.split('\n')[pos.line - 1] ?? '');
        const reason = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
        problems.push(tab ? problem('tab', pos.line, pos.col) : problem('syntax', pos.line, pos.col, { reason }));
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document (a trailing ---)
    checkDocument(doc, at, problems, objects);
  }
  if (problems.length === 0 && !objects.some((o) => (PLAYABLE_KINDS as readonly string[]).includes(o.kind)))
    problems.push(problem('nothingToPlay', 1, 1));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, objects };
}

type At = (offset: number | undefined) => { line: number; col: number };

function checkDocument(doc: Document, at: At, problems: KubeProblem[], objects: KubeObject[]): void {
  const root = doc.contents;
  const start = at(root?.range?.[0]);
  if (!isMap(root)) {
    problems.push(problem('notMapping', start.line, start.col));
    return;
  }
  const where = (path: readonly (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? at(node.range[0]) : start;
  };
  const kind = doc.get('kind');
  if (typeof kind !== 'string' || kind === '') {
    problems.push(problem('noKind', start.line, start.col));
    return;
  }
  const kindAt = where(['kind']);
  if (!(PLAYABLE_KINDS as readonly string[]).includes(kind) && !KEPT_KINDS.includes(kind)) {
    problems.push(problem('unsupportedKind', kindAt.line, kindAt.col, { kind }));
    return;
  }
  if (typeof doc.get('apiVersion') !== 'string')
    problems.push(problem('noApiVersion', kindAt.line, kindAt.col, { kind, expected: API_VERSIONS[kind] ?? 'v1' }));
  const name = doc.getIn(['metadata', 'name']);
  if (typeof name !== 'string' || name === '') {
    problems.push(problem('noName', kindAt.line, kindAt.col, { kind }));
    return;
  }
  objects.push({ kind, name, line: kindAt.line });
  const podSpec = kind === 'Pod' ? ['spec'] : kind === 'Deployment' ? ['spec', 'template', 'spec'] : null;
  if (!podSpec) return;
  const containersPath = [...podSpec, 'containers'];
  const containers = doc.getIn(containersPath, true);
  if (!isSeq(containers) || containers.items.length === 0) {
    const pos = where(podSpec);
    problems.push(problem('noContainers', pos.line, pos.col, { kind, path: containersPath.join('.') }));
    return;
  }
  containers.items.forEach((_, i) => {
    const cName = doc.getIn([...containersPath, i, 'name']);
    const pos = where([...containersPath, i]);
    if (typeof cName !== 'string' || cName === '') {
      problems.push(problem('noContainerName', pos.line, pos.col));
      return;
    }
    const image = doc.getIn([...containersPath, i, 'image']);
    if (typeof image !== 'string' || image === '')
      problems.push(problem('noImage', pos.line, pos.col, { container: cName }));
  });
}

// ---- compose → Kubernetes ----

/** A name Kubernetes accepts (a DNS label): lowercase letters, digits and "-", at most 63. */
export function kubeName(name: string): string {
  const out = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return out === '' ? 'x' : out;
}

type Obj = Record<string, unknown>;

const PROTOCOL: Record<ComposePort['protocol'], string> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

function volumeFor(
  project: string,
  model: ComposeModel,
  m: ComposeMount,
  index: number,
): { name: string; volume: Obj } {
  if (m.type === 'volume' && m.source) {
    const engineName = model.volumes.find((v) => v.name === m.source)?.engineName ?? `${project}_${m.source}`;
    return { name: kubeName(m.source), volume: { persistentVolumeClaim: { claimName: kubeName(engineName) } } };
  }
  if (m.type === 'bind' && m.source)
    return { name: `host-${index}`, volume: { hostPath: { path: m.source, type: 'DirectoryOrCreate' } } };
  return { name: `scratch-${index}`, volume: { emptyDir: m.type === 'tmpfs' ? { medium: 'Memory' } : {} } };
}

function deployment(model: ComposeModel, s: ComposeServiceModel): Obj {
  const app = kubeName(s.name);
  const labels = { app, 'app.kubernetes.io/part-of': kubeName(model.project) };
  const mounts = s.mounts.map((m, i) => ({ mount: m, ...volumeFor(model.project, model, m, i) }));
  const volumes = new Map(mounts.map((m) => [m.name, m.volume]));
  const ports = s.ports.map((p) => ({
    containerPort: p.target,
    ...(p.protocol !== 'tcp' ? { protocol: PROTOCOL[p.protocol] } : {}),
  }));
  const container: Obj = {
    name: app,
    image: s.image ?? `${kubeName(model.project)}-${app}:latest`,
    ...(ports.length > 0 ? { ports } : {}),
    ...(mounts.length > 0
      ? {
          volumeMounts: mounts.map((m) => ({
            name: m.name,
            mountPath: m.mount.target,
            ...(m.mount.readOnly ? { readOnly: true } : {}),
          })),
        }
      : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, labels },
    spec: {
      replicas: s.replicas,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels },
        spec: {
          containers: [container],
          ...(volumes.size > 0 ? { volumes: [...volumes].map(([name, v]) => ({ name, ...v })) } : {}),
        },
      },
    },
  };
}

function services(model: ComposeModel, s: ComposeServiceModel): Obj[] {
  const app = kubeName(s.name);
  const published = s.ports.filter((p) => p.published !== undefined);
  const exposed = s.ports.filter((p) => p.published === undefined);
  // Other pods reach a service by its compose name: that name goes to the one Service, or to the exposed ports'.
  const single = published.length === 1 && exposed.length === 0;
  const out = published.map((p) => {
    const port = Number.parseInt(p.published ?? '', 10);
    const name = single ? app : kubeName(`${app}-${p.target}`);
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: { app, 'app.kubernetes.io/part-of': kubeName(model.project) } },
      spec: {
        // A host port the engine picks ("8080" alone) is a port the cluster picks on every node.
        type: Number.isInteger(port) ? 'LoadBalancer' : 'NodePort',
        selector: { app },
        ports: [
          {
            port: Number.isInteger(port) ? port : p.target,
            targetPort: p.target,
            ...(p.protocol !== 'tcp' ? { protocol: PROTOCOL[p.protocol] } : {}),
          },
        ],
      },
    };
  });
  if (exposed.length > 0)
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, labels: { app, 'app.kubernetes.io/part-of': kubeName(model.project) } },
      spec: {
        type: 'ClusterIP',
        selector: { app },
        ports: exposed.map((p) => ({ port: p.target, targetPort: p.target })),
      },
    });
  return out;
}

function claim(model: ComposeModel, name: string, external: boolean): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: kubeName(name),
      labels: { 'app.kubernetes.io/part-of': kubeName(model.project) },
      ...(external ? { annotations: { 'wharf.io/compose-external': 'true' } } : {}),
    },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
}

/** A compose project's model as Kubernetes YAML: claims first, then each service's Deployment and Services. */
export function composeToKube(model: ComposeModel): string {
  const docs: { comment?: string; obj: Obj }[] = [];
  const claimed = new Set<string>();
  for (const v of model.volumes) {
    claimed.add(v.name);
    docs.push({
      comment: `Volume ${v.name}: storage that outlives the pods.`,
      obj: claim(model, v.engineName, v.external),
    });
  }
  for (const s of model.services)
    for (const m of s.mounts)
      if (m.type === 'volume' && m.source && !claimed.has(m.source)) {
        claimed.add(m.source);
        docs.push({ obj: claim(model, `${model.project}_${m.source}`, false) });
      }
  for (const s of model.services) {
    const note = s.build
      ? `Service ${s.name}: compose builds its image from ${s.build.context}; a cluster pulls images, so build it, push it to a registry and name it here.`
      : `Service ${s.name}: ${s.replicas === 1 ? 'one pod' : `${s.replicas} pods`}, kept running by the Deployment.`;
    docs.push({ comment: note, obj: deployment(model, s) });
    for (const svc of services(model, s)) docs.push({ obj: svc });
  }
  const head = `# Kubernetes YAML for the compose project ${model.project}, written by Wharf.\n# Apply it to a cluster with: kubectl apply -f ${kubeName(model.project)}.yaml\n`;
  return (
    head + docs.map((d) => `---\n${d.comment ? `# ${d.comment}\n` : ''}${stringify(d.obj, { lineWidth: 0 })}`).join('')
  );
}
