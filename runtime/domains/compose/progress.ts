// Progress of a compose command, read from the lines the tool prints.
// docker-compose prints "Creating shop_web_1 ... done"; podman-compose prints
// the podman commands it runs, then "exit code: N". Pure: every line is also
// kept as `output` by the caller; this only adds the steps it recognises.
import type { PlainError } from '../../api/types';
import type { ComposeEvent, ComposeFailure, ComposeStepState } from './types';

type Step = Extract<ComposeEvent, { type: 'step' }>;
type Kind = Step['targetKind'];

const ACTIONS: Record<string, { doing: ComposeStepState; done: ComposeStepState }> = {
  Creating: { doing: 'creating', done: 'created' },
  Recreating: { doing: 'recreating', done: 'created' },
  Starting: { doing: 'starting', done: 'started' },
  Restarting: { doing: 'starting', done: 'started' },
  Stopping: { doing: 'stopping', done: 'stopped' },
  Killing: { doing: 'stopping', done: 'stopped' },
  Removing: { doing: 'removing', done: 'removed' },
  Pulling: { doing: 'pulling', done: 'pulled' },
};

const V2_STATES: Record<string, ComposeStepState> = {
  Creating: 'creating',
  Created: 'created',
  Recreate: 'recreating',
  Recreated: 'created',
  Starting: 'starting',
  Started: 'started',
  Running: 'up-to-date',
  Stopping: 'stopping',
  Stopped: 'stopped',
  Removing: 'removing',
  Removed: 'removed',
  Pulling: 'pulling',
  Pulled: 'pulled',
  Building: 'building',
  Built: 'built',
  Error: 'error',
};

function step(target: string, targetKind: Kind, state: ComposeStepState, detail?: string): Step {
  return { type: 'step', target, targetKind, state, ...(detail !== undefined ? { detail } : {}) };
}

// podman-compose prints its podman calls two ways: `podman run --name=x …` and `['podman', 'volume', 'create', …, 'x']`.
function podmanWords(line: string): string[] | undefined {
  if (line.startsWith("['podman'")) {
    const words = [...line.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? '');
    return words;
  }
  if (line.startsWith('podman ')) return line.split(/\s+/);
  return undefined;
}

/** Reads one tool's lines into steps. One per command run. */
export class ProgressParser {
  /** docker-compose: the service being built (its "Step 1/3" lines follow). */
  private building: string | undefined;
  /** docker-compose builds a service; podman-compose prints the image it builds. */
  private buildingKind: Kind = 'service';
  /** podman-compose: the step its last printed podman command started, finished by "exit code: N". */
  private pending: { step: Step; done: ComposeStepState } | undefined;
  /**
   * podman-compose 1.0 exits 0 even when a container failed to run: the
   * steps whose podman command failed (stopping or removing what is already
   * gone does not count).
   */
  failed: Step[] = [];

  /** The steps one line says; none for lines it does not know. */
  line(text: string): Step[] {
    const line = text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trimEnd();
    const trimmed = line.trim();
    if (trimmed === '') return [];
    return this.composeLine(trimmed) ?? this.podmanLine(trimmed) ?? [];
  }

  private composeLine(line: string): Step[] | undefined {
    // The compose plugin (v2): " Container shop-web-1  Started", " Network shop_default  Creating".
    const v2 = /^(Container|Network|Volume|Image) (\S+)\s+(\w+(?: \w+)?)$/.exec(line);
    if (v2) {
      const state = V2_STATES[v2[3] ?? ''];
      if (state) return [step((v2[2] ?? '').replace(/^"(.*)"$/, '$1'), (v2[1] ?? '').toLowerCase() as Kind, state)];
    }
    let m = /^(Creating|Removing) (network|volume) "?([^"\s]+)"?/.exec(line);
    if (m) {
      const kind = m[2] as 'network' | 'volume';
      return [step(m[3] ?? '', kind, m[1] === 'Creating' ? 'created' : 'removed')];
    }
    m =
      /^(Creating|Recreating|Starting|Restarting|Stopping|Killing|Removing|Pulling) (\S+)\s+\.\.\.\s*(done|error)?/.exec(
        line,
      );
    if (m) {
      const action = ACTIONS[m[1] ?? ''];
      if (!action) return undefined;
      const kind: Kind = m[1] === 'Pulling' ? 'service' : 'container';
      const state = m[3] === 'done' ? action.done : m[3] === 'error' ? 'error' : action.doing;
      return [step(m[2] ?? '', kind, state)];
    }
    m = /^(\S+) is up-to-date$/.exec(line);
    if (m) return [step(m[1] ?? '', 'container', 'up-to-date')];
    m = /^Building (\S+)$/.exec(line);
    if (m) {
      this.building = m[1];
      this.buildingKind = 'service';
      return [step(m[1] ?? '', 'service', 'building')];
    }
    m = /^Step (\d+\/\d+) : (.*)$/.exec(line) ?? /^STEP (\d+\/\d+): (.*)$/.exec(line);
    if (m) return this.building ? [step(this.building, this.buildingKind, 'building', `Step ${m[1]}: ${m[2]}`)] : [];
    m = /^Successfully tagged (\S+)$/.exec(line);
    if (m && this.building && this.buildingKind === 'service') {
      const service = this.building;
      this.building = undefined;
      return [step(service, 'service', 'built', m[1])];
    }
    m = /^ERROR: for (\S+)\s+(.*)$/.exec(line);
    if (m) return [step(m[1] ?? '', 'service', 'error', m[2])];
    return undefined;
  }

  private podmanLine(line: string): Step[] | undefined {
    const exit = /^exit code: (-?\d+)$/.exec(line);
    if (exit) {
      const pending = this.pending;
      this.pending = undefined;
      if (!pending) return [];
      const ok = exit[1] === '0';
      if (!ok && pending.step.state === 'building') this.building = undefined;
      const result: Step = { ...pending.step, state: ok ? pending.done : 'error' };
      if (!ok && pending.step.state !== 'stopping' && pending.step.state !== 'removing') this.failed.push(result);
      // `up` on a running project: `podman run` fails (the name is taken), then `podman start` of it succeeds.
      if (ok && result.state === 'started') this.failed = this.failed.filter((f) => f.target !== result.target);
      return [result];
    }
    const words = podmanWords(line);
    if (!words) return undefined;
    const [, verb, ...rest] = words;
    const last = rest.filter((w) => !w.startsWith('-')).at(-1) ?? '';
    const begin = (s: Step, done: ComposeStepState): Step[] => {
      this.pending = { step: s, done };
      return [s];
    };
    switch (verb) {
      case 'run':
      case 'create': {
        const name = /--name[= ](\S+)/.exec(line)?.[1] ?? '';
        return begin(step(name, 'container', 'creating'), verb === 'run' ? 'started' : 'created');
      }
      case 'start':
        return begin(step(last, 'container', 'starting'), 'started');
      case 'restart':
        return begin(step(last, 'container', 'starting'), 'started');
      case 'stop':
        return begin(step(last, 'container', 'stopping'), 'stopped');
      case 'rm':
        return begin(step(last, 'container', 'removing'), 'removed');
      case 'pull':
        return begin(step(last, 'image', 'pulling'), 'pulled');
      case 'build': {
        const tag = /-t (\S+)/.exec(line)?.[1] ?? last;
        this.building = tag;
        this.buildingKind = 'image';
        return begin(step(tag, 'image', 'building'), 'built');
      }
      case 'network':
      case 'volume': {
        const sub = rest[0];
        if (sub === 'create') return [step(last, verb, 'created')];
        if (sub === 'rm') return [step(last, verb, 'removed')];
        return [];
      }
      default:
        return [];
    }
  }
}

/** A recognised failure: its key and the values the message names. */
interface Known {
  test: RegExp;
  key: string;
  message: (m: RegExpExecArray) => string;
  hint: string;
  params?: (m: RegExpExecArray) => Record<string, string>;
}

const KNOWN: Known[] = [
  {
    test: /(?:Bind for (\S+) failed: port is already allocated|listen tcp[46]? (\S+): bind: address already in use|address already in use)/i,
    key: 'compose.portTaken',
    message: (m) =>
      (m[1] ?? m[2])
        ? `Port ${m[1] ?? m[2]} is already taken by another program or container.`
        : 'A port the project publishes is already taken.',
    hint: 'Stop what uses that port, or publish the service on another host port in the compose file.',
    params: (m): Record<string, string> => ((m[1] ?? m[2]) ? { port: m[1] ?? m[2] ?? '' } : {}),
  },
  {
    test: /(?:Pulling \S+ \(([^)]+)\)\.\.\.|initializing source docker:\/\/([^:\s]+(?::[^:\s]+)?):)[\s\S]*(?:dial tcp|no such host|pinging container registry|i\/o timeout|TLS handshake timeout|connection refused)/,
    key: 'compose.registryUnreachable',
    message: (m) => `The image ${m[1] ?? m[2] ?? ''} could not be pulled: its registry could not be reached.`,
    hint: 'Check the network connection and the registry name in the image, or build or load the image on this engine first.',
    params: (m): Record<string, string> => ({ image: m[1] ?? m[2] ?? '' }),
  },
  {
    test: /(pull access denied for (\S+?),|manifest for (\S+) not found|manifest unknown|repository does not exist|(\S+): image not known|No such image: (\S+)|failed to resolve reference "?([^"\s]+)|Error: initializing source docker:\/\/(\S+)|short-name "([^"]+)" did not resolve)/i,
    key: 'compose.imageNotFound',
    message: (m) => `An image the project uses could not be found or pulled${imageOf(m) ? `: ${imageOf(m)}` : ''}.`,
    hint: 'Check the image name and tag in the compose file, log in to its registry, or build it first.',
    params: (m): Record<string, string> => (imageOf(m) ? { image: imageOf(m) ?? '' } : {}),
  },
  {
    test: /(Service '(\S+)' failed to build|The command '.*' returned a non-zero code|error building at STEP|Error: building at STEP)/i,
    key: 'compose.buildFailed',
    message: () => 'Building an image failed at one of its Dockerfile steps.',
    hint: 'Read the build output above the error: the step that failed and its own message.',
  },
  {
    test: /(network (\S+) (?:is in use|has active endpoints)|volume is in use|remove .*: volume is being used)/i,
    key: 'compose.inUse',
    message: () => 'A network or volume of the project is still used by other containers.',
    hint: 'Stop and remove the containers that use it (they may belong to another project), then try again.',
  },
  {
    test: /(Couldn't connect to Docker daemon|Cannot connect to the Docker daemon|Error while fetching server API version|unable to connect to Podman)/i,
    key: 'compose.engineUnreachable',
    message: () => 'The compose tool could not reach the engine.',
    hint: 'Check that the engine is running; Wharf shows its connection in Settings.',
  },
];

function imageOf(m: RegExpExecArray): string | undefined {
  return m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8];
}

/** The line that best says what went wrong: the last ERROR/Error line, else the last line. */
function reasonOf(lines: readonly string[]): string {
  const marked = lines.filter((l) => /^(ERROR|Error)\b/.test(l.trim()));
  const mentioning = lines.filter((l) => /error/i.test(l) && !/^exit code|^Encountered errors/.test(l.trim()));
  return (marked.at(-1) ?? mentioning.at(-1) ?? lines.filter((l) => l.trim() !== '').at(-1) ?? '').trim();
}

/** A failed command's plain words, keeping the tool's own in `params.reason`. */
export function classifyFailure(lines: readonly string[], exitCode: number | null): ComposeFailure {
  const text = lines.join('\n');
  const reason = reasonOf(lines);
  const service =
    /ERROR: for (\S+)\s/.exec(text)?.[1] ??
    /Service '([^']+)' failed to build/.exec(text)?.[1] ??
    /Cannot start service (\S+?):/.exec(text)?.[1];
  for (const known of KNOWN) {
    const m = known.test.exec(text);
    if (!m) continue;
    const error: PlainError = {
      message: known.message(m),
      hint: known.hint,
      key: known.key,
      params: { ...(known.params?.(m) ?? {}), reason },
    };
    return { ...(service !== undefined ? { service } : {}), error, exitCode };
  }
  const error: PlainError = {
    message: reason === '' ? `The compose tool stopped with exit code ${exitCode ?? 'unknown'}.` : reason,
    key: 'compose.failed',
    params: { reason, code: String(exitCode ?? '') },
  };
  return { ...(service !== undefined ? { service } : {}), error, exitCode };
}
