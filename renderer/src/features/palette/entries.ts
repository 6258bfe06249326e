// What the command palette offers: every page, and every action on each
// container, image, volume, network and compose project, each with the docker
// command it stands for (written by the domains' own command builders). Pure:
// the palette searches these entries and hands the chosen one's `run` to the
// same hooks and dialogs the pages use.
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import { containerActionCommand } from '../../../../runtime/domains/containers/cli';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { ComposeProjectSummary, ComposeToolKind } from '../../../../runtime/domains/compose/types';
import type { ImageSummary } from '../../../../runtime/domains/images/types';
import { networkInspectCommand, networkRemoveCommand } from '../../../../runtime/domains/networks/cli';
import type { NetworkInfo } from '../../../../runtime/domains/networks/types';
import type { VolumeSummary } from '../../../../runtime/domains/volumes/types';
import { shortId } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import { composeCommand, composePsCommand } from '../compose/compose-command';
import { canRun } from '../containers/container-logic';
import { namesOf, refOf, runHref } from '../images/image-refs';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export type ComposeKind = 'start' | 'stop' | 'restart' | 'down';

/** What choosing an entry does; the palette's host carries it out. */
export type PaletteRun =
  | { kind: 'navigate'; href: string }
  | { kind: 'container'; action: ContainerAction; container: ContainerSummary }
  | { kind: 'remove-image'; image: ImageSummary }
  | { kind: 'remove-volume'; name: string }
  | { kind: 'remove-network'; network: NetworkInfo }
  | { kind: 'compose'; op: ComposeKind; project: ComposeProjectSummary; tool: ComposeToolKind }
  | { kind: 'shortcuts' };

export type PaletteGroup = 'pages' | 'app' | 'containers' | 'images' | 'volumes' | 'networks' | 'compose';

export interface PaletteEntry {
  /** Unique and stable: the option's element id is made of it. */
  id: string;
  group: PaletteGroup;
  /** What the option says, e.g. "Stop container web". */
  label: string;
  /** A second line: the object's image, state, id. */
  detail?: string;
  /** The docker command it stands for. */
  command?: string;
  /** Removes something: the host asks first, in the page's own dialog. */
  danger?: boolean;
  /** About the selected or shown object: listed first. */
  focused?: boolean;
  /** Searched with the label (ids, image names). */
  keywords?: string;
  run: PaletteRun;
}

export interface PaletteSources {
  t: Translate;
  /** The sidebar's pages, in its order: route and label. */
  pages: readonly { route: string; label: string }[];
  containers?: readonly ContainerSummary[] | undefined;
  images?: readonly ImageSummary[] | undefined;
  volumes?: readonly VolumeSummary[] | undefined;
  networks?: readonly NetworkInfo[] | undefined;
  projects?: readonly ComposeProjectSummary[] | undefined;
  composeTool: ComposeToolKind;
  /** Ids (containers) or names the user has selected, or whose page is open. */
  focus: ReadonlySet<string>;
}

const CONTAINER_ACTIONS: readonly ContainerAction[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'remove'];
const COMPOSE_ACTIONS: readonly ComposeKind[] = ['start', 'stop', 'restart', 'down'];

function composeEnabled(kind: ComposeKind, p: ComposeProjectSummary): boolean {
  if (kind === 'start') return p.containers.running < p.containers.total;
  if (kind === 'stop' || kind === 'restart') return p.containers.running > 0;
  return p.containers.total > 0;
}

function containerEntries(c: ContainerSummary, s: PaletteSources): PaletteEntry[] {
  const { t } = s;
  const focused = s.focus.has(c.id) || s.focus.has(c.name);
  const base = { group: 'containers' as const, focused, keywords: `${c.id.slice(0, 12)} ${c.image}`, detail: c.image };
  const open: PaletteEntry = {
    ...base,
    id: `container:${c.id}:open`,
    label: t('palette.entry.openContainer', { name: c.name }),
    command: dockerCommand('container.inspect', { containers: [c.name] }),
    run: { kind: 'navigate', href: hrefTo('containers', c.id) },
  };
  const actions = CONTAINER_ACTIONS.filter((a) => canRun(a, c.state)).map((action): PaletteEntry => ({
    ...base,
    id: `container:${c.id}:${action}`,
    label: t(`palette.entry.container.${action}`, { name: c.name }),
    command: containerActionCommand({ action, containers: [c.name] }),
    ...(action === 'remove' ? { danger: true } : {}),
    run: { kind: 'container', action, container: c },
  }));
  const logs: PaletteEntry = {
    ...base,
    id: `container:${c.id}:logs`,
    label: t('palette.entry.containerLogs', { name: c.name }),
    command: dockerCommand('container.logs', { container: c.name, follow: true }),
    run: { kind: 'navigate', href: hrefTo('containers', c.id, 'logs') },
  };
  return [open, ...actions, logs];
}

function imageEntries(image: ImageSummary, s: PaletteSources): PaletteEntry[] {
  const { t } = s;
  const ref = refOf(image);
  const names = namesOf(image);
  const focused = s.focus.has(image.id) || names.some((n) => s.focus.has(n));
  const base = { group: 'images' as const, focused, keywords: `${shortId(image.id)} ${names.join(' ')}` };
  return [
    {
      ...base,
      id: `image:${image.id}:open`,
      label: t('palette.entry.openImage', { name: ref }),
      command: dockerCommand('image.inspect', { images: [ref] }),
      run: { kind: 'navigate', href: hrefTo('images', image.id) },
    },
    {
      ...base,
      id: `image:${image.id}:run`,
      label: t('palette.entry.runImage', { name: ref }),
      command: dockerCommand('container.run', { image: ref, detach: true }),
      run: { kind: 'navigate', href: runHref(ref) },
    },
    {
      ...base,
      id: `image:${image.id}:remove`,
      label: t('palette.entry.removeImage', { name: ref }),
      command: dockerCommand('image.rmi', { images: names.length > 0 ? names : [ref] }),
      danger: true,
      run: { kind: 'remove-image', image },
    },
  ];
}

function volumeEntries(v: VolumeSummary, s: PaletteSources): PaletteEntry[] {
  const { t } = s;
  const base = { group: 'volumes' as const, focused: s.focus.has(v.name), detail: v.driver };
  return [
    {
      ...base,
      id: `volume:${v.name}:open`,
      label: t('palette.entry.openVolume', { name: v.name }),
      command: dockerCommand('volume.inspect', { volumes: [v.name] }),
      run: { kind: 'navigate', href: hrefTo('volumes', v.name) },
    },
    {
      ...base,
      id: `volume:${v.name}:remove`,
      label: t('palette.entry.removeVolume', { name: v.name }),
      command: dockerCommand('volume.rm', { volumes: [v.name] }),
      danger: true,
      run: { kind: 'remove-volume', name: v.name },
    },
  ];
}

function networkEntries(n: NetworkInfo, s: PaletteSources): PaletteEntry[] {
  const { t } = s;
  const base = { group: 'networks' as const, focused: s.focus.has(n.name), detail: n.driver };
  const open: PaletteEntry = {
    ...base,
    id: `network:${n.id}:open`,
    label: t('palette.entry.openNetwork', { name: n.name }),
    command: networkInspectCommand(n.name),
    run: { kind: 'navigate', href: hrefTo('networks', n.name) },
  };
  // The engine's own networks (bridge, host, none) cannot be removed.
  if (n.builtIn) return [open];
  return [
    open,
    {
      ...base,
      id: `network:${n.id}:remove`,
      label: t('palette.entry.removeNetwork', { name: n.name }),
      command: networkRemoveCommand([n.name]),
      danger: true,
      run: { kind: 'remove-network', network: n },
    },
  ];
}

function projectEntries(p: ComposeProjectSummary, s: PaletteSources): PaletteEntry[] {
  const { t } = s;
  const target = { tool: s.composeTool, project: p.name, ...(p.filesReachable ? { files: p.configFiles } : {}) };
  const base = { group: 'compose' as const, focused: s.focus.has(p.name), detail: p.services.join(', ') };
  const open: PaletteEntry = {
    ...base,
    id: `compose:${p.name}:open`,
    label: t('palette.entry.openProject', { name: p.name }),
    command: composePsCommand(target),
    run: {
      kind: 'navigate',
      href: `${hrefTo('compose', p.name)}${p.fileId ? `?file=${encodeURIComponent(p.fileId)}` : ''}`,
    },
  };
  const actions = COMPOSE_ACTIONS.filter((k) => composeEnabled(k, p)).map((op): PaletteEntry => ({
    ...base,
    id: `compose:${p.name}:${op}`,
    label: t(`palette.entry.compose.${op}`, { name: p.name }),
    command: composeCommand(target, { kind: op }),
    ...(op === 'down' ? { danger: true } : {}),
    run: { kind: 'compose', op, project: p, tool: s.composeTool },
  }));
  return [open, ...actions];
}

/** Every entry, in the order an empty query lists them: the focused object's actions, pages, then the objects. */
export function paletteEntries(s: PaletteSources): PaletteEntry[] {
  const pages = s.pages.map((p): PaletteEntry => ({
    id: `page:${p.route}`,
    group: 'pages',
    label: s.t('palette.entry.goTo', { page: p.label }),
    run: { kind: 'navigate', href: hrefTo(p.route as Parameters<typeof hrefTo>[0]) },
  }));
  const app: PaletteEntry = {
    id: 'app:shortcuts',
    group: 'app',
    label: s.t('palette.entry.shortcuts'),
    keywords: '? keyboard',
    run: { kind: 'shortcuts' },
  };
  const objects = [
    ...(s.containers ?? []).flatMap((c) => containerEntries(c, s)),
    ...(s.projects ?? []).flatMap((p) => projectEntries(p, s)),
    ...(s.images ?? []).flatMap((i) => imageEntries(i, s)),
    ...(s.volumes ?? []).flatMap((v) => volumeEntries(v, s)),
    ...(s.networks ?? []).flatMap((n) => networkEntries(n, s)),
  ];
  return [...objects.filter((e) => e.focused), ...pages, app, ...objects.filter((e) => !e.focused)];
}

/**
 * The text the fuzzy matcher searches for an entry: its label first (the
 * highlighted part), then its keywords and its docker command, so "rm web"
 * or "stop web" finds the entry whatever the language of the labels.
 */
export function searchText(entry: PaletteEntry): string {
  return [entry.label, entry.keywords, entry.command].filter(Boolean).join(' ');
}
