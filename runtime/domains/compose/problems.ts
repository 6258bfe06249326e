// What the compose tool says about a broken file, read into ComposeProblem[]
// with the file, line and column it names and plain words for the causes
// Wharf recognises. Pure. The texts are docker-compose 1.29's and
// podman-compose 1.0's (PyYAML's errors, then compose's own checks).
import type { PlainError } from '../../api/types';
import type { ComposeProblem } from './types';

interface Hint {
  test: RegExp;
  hint: (m: RegExpExecArray) => PlainError;
}

const HINTS: Hint[] = [
  {
    test: /found character '\\t' that cannot start any token/,
    hint: () => ({
      message: 'The file has a tab character where YAML needs spaces.',
      hint: 'Indent with spaces only (two per level); replace the tab on this line.',
      key: 'compose.problem.tab',
    }),
  },
  {
    test: /mapping values are not allowed here/,
    hint: () => ({
      message: 'A colon appears where YAML does not expect one.',
      hint: 'Check the indentation of this line, or put quotes around a value that holds a colon.',
      key: 'compose.problem.mappingValue',
    }),
  },
  {
    test: /expected <block end>, but found|did not find expected key|could not find expected ':'|while parsing a block (?:mapping|collection)/,
    hint: () => ({
      message: 'The indentation of this line does not match the lines around it.',
      hint: 'Line it up with the other keys at the same level (spaces only).',
      key: 'compose.problem.indentation',
    }),
  },
  {
    test: /(?:Unsupported config option for ([\w.-]+): '([^']+)'|Additional property (\S+) is not allowed)/,
    hint: (m) => ({
      message: `"${m[2] ?? m[3] ?? ''}" is not a setting compose knows.`,
      hint: 'Check its spelling and that it sits under the right key (compose keys are lowercase, like ports, volumes, environment).',
      key: 'compose.problem.unknownKey',
      params: { key: m[2] ?? m[3] ?? '', where: m[1] ?? '' },
    }),
  },
  {
    test: /(?:([\w.-]+\.ports)(?:\[\d+\])? (?:contains an invalid type|is invalid)|Invalid (?:published )?port|invalid port)/i,
    hint: (m) => ({
      message: 'A port mapping is not written the way compose reads it.',
      hint: 'Write it as "HOST:CONTAINER" in quotes, e.g. "8080:80" or "127.0.0.1:8080:80".',
      key: 'compose.problem.port',
      params: { where: m[1] ?? '' },
    }),
  },
  {
    test: /Service '([^']+)' depends on service '([^']+)' which is undefined|depends on undefined service:? '?([\w.-]+)'?/,
    hint: (m) => ({
      message: `A service depends on "${m[2] ?? m[3] ?? ''}", which the file does not define.`,
      hint: 'Define that service, or correct the name under depends_on.',
      key: 'compose.problem.undefinedDependency',
      params: { service: m[1] ?? '', dependency: m[2] ?? m[3] ?? '' },
    }),
  },
  {
    test: /Service "?([\w.-]+)"? uses an undefined (network|volume) "?([\w.-]+)"?/,
    hint: (m) => ({
      message: `Service "${m[1] ?? ''}" uses the ${m[2] ?? ''} "${m[3] ?? ''}", which the file does not declare.`,
      hint: `Declare it under the top-level ${m[2] === 'volume' ? 'volumes' : 'networks'}: key.`,
      key: 'compose.problem.undefinedResource',
      params: { service: m[1] ?? '', kind: m[2] ?? '', name: m[3] ?? '' },
    }),
  },
];

const LOCATION = /in "([^"]+)", line (\d+), column (\d+)/g;

/** Python traceback frames and carets: noise for a user. */
const isTraceback = (line: string) => /^Traceback \(most recent call last\)|^\s+File "|^\s{4}\S|^\s+\^+$/.test(line);

/**
 * The problems in a failed `config` run's output. A YAML error is one problem
 * placed at its last position (where the parser gave up); compose's own
 * checks may name several.
 */
export function parseProblems(output: string, file?: string): ComposeProblem[] {
  const lines = output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(
      (l) => l.trim() !== '' && !isTraceback(l) && !/^\['podman'|^podman |^using podman version|^exit code/.test(l),
    );
  if (lines.length === 0) return [];
  const yamlStart = lines.findIndex((l) => /^yaml\.\w+\.\w+Error:|^(ERROR: )?yaml\./.test(l));
  if (yamlStart >= 0) {
    const block = lines.slice(yamlStart);
    const text = block.join('\n');
    const marks = [...text.matchAll(LOCATION)];
    const where = marks.at(-1);
    const message = block
      .filter((l) => !/^\s*in "/.test(l))
      .map((l) => l.replace(/^(ERROR: )?yaml\.\w+\.\w+Error: /, ''))
      .join(' ')
      .trim();
    return [
      withHint({
        message,
        ...(where
          ? { file: where[1] ?? file ?? '', line: Number(where[2]), column: Number(where[3]) }
          : file
            ? { file }
            : {}),
      }),
    ];
  }
  // Compose's own checks: "The Compose file './x.yaml' is invalid because:" then one line per problem.
  const out: ComposeProblem[] = [];
  const header = /^(?:ERROR: )?The Compose file '([^']+)' is invalid because:$/;
  let current = file;
  for (const raw of lines) {
    const line = raw.replace(/^ERROR: /, '').trim();
    const h = header.exec(line);
    if (h) {
      current = file ?? h[1];
      continue;
    }
    if (/^(WARNING|Warning):/.test(line)) continue;
    out.push(withHint({ message: line, ...(current ? { file: current } : {}) }));
  }
  return out;
}

function withHint(problem: ComposeProblem): ComposeProblem {
  for (const h of HINTS) {
    const m = h.test.exec(problem.message);
    if (m) return { ...problem, hint: h.hint(m) };
  }
  return problem;
}

/** Where in the text a service key sits (1-based line), so compose's checks that name a service can point at it. */
export function lineOfService(text: string, service: string): number | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) =>
    new RegExp(`^\\s+["']?${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).test(l),
  );
  return i >= 0 ? i + 1 : undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compose's own checks name a key or a service, not a line: the line is
 * looked up in the text checked, so the editor can point at it. YAML errors
 * keep the line the parser gave.
 */
export function locateProblems(problems: readonly ComposeProblem[], text: string): ComposeProblem[] {
  const lines = text.split('\n');
  const find = (pattern: RegExp, after = 0) => {
    const i = lines.findIndex((l, n) => n >= after && pattern.test(l));
    return i >= 0 ? i + 1 : undefined;
  };
  return problems.map((p) => {
    if (p.line !== undefined) return p;
    const params = p.hint?.params ?? {};
    let line: number | undefined;
    switch (p.hint?.key) {
      case 'compose.problem.unknownKey': {
        const service = /^services\.([\w.-]+)$/.exec(params.where ?? '')?.[1];
        const from = service ? (lineOfService(text, service) ?? 0) : 0;
        line = find(new RegExp(`^\\s*["']?${escape(params.key ?? '')}["']?\\s*:`), from);
        break;
      }
      case 'compose.problem.port': {
        const service = /^services\.([\w.-]+)\.ports$/.exec(params.where ?? '')?.[1];
        line = find(/^\s*ports\s*:/, service ? (lineOfService(text, service) ?? 0) : 0);
        break;
      }
      case 'compose.problem.undefinedDependency':
        line = find(/^\s*depends_on\s*:/, lineOfService(text, params.service ?? '') ?? 0);
        break;
      default:
        break;
    }
    return line !== undefined ? { ...p, line } : p;
  });
}
