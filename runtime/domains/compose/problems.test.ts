// Real error texts of docker-compose 1.29 (`config`) and podman-compose 1.0.3 (`--dry-run ps`) on broken files.
import { describe, expect, it } from 'vitest';
import { locateProblems, parseProblems } from './problems';

const TAB_DC = `yaml.scanner.ScannerError: while scanning for the next token
found character '\\t' that cannot start any token
  in "./tab.yaml", line 3, column 1`;

const TAB_PODMAN = `Traceback (most recent call last):
  File "/usr/bin/podman-compose", line 33, in <module>
    sys.exit(load_entry_point('podman-compose==1.0.3', 'console_scripts', 'podman-compose')())
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3/dist-packages/yaml/scanner.py", line 258, in fetch_more_tokens
    raise ScannerError("while scanning for the next token", None,
yaml.scanner.ScannerError: while scanning for the next token
found character '\\t' that cannot start any token
  in "/tmp/cplay/bad/tab.yaml", line 3, column 1`;

const INDENT = `yaml.parser.ParserError: while parsing a block mapping
  in "./indent.yaml", line 2, column 3
expected <block end>, but found '<block mapping start>'
  in "./indent.yaml", line 4, column 4`;

describe('parseProblems', () => {
  it('places a tab at its line, from either tool', () => {
    for (const text of [TAB_DC, TAB_PODMAN]) {
      const [p] = parseProblems(text, '/home/me/shop/compose.yaml');
      expect(p).toMatchObject({ line: 3, column: 1, hint: { key: 'compose.problem.tab' } });
      expect(p?.message).toBe("while scanning for the next token found character '\\t' that cannot start any token");
    }
    expect(parseProblems(TAB_PODMAN)[0]?.file).toBe('/tmp/cplay/bad/tab.yaml');
  });

  it('places bad indentation where the parser gave up', () => {
    expect(parseProblems(INDENT)).toEqual([
      expect.objectContaining({
        file: './indent.yaml',
        line: 4,
        column: 4,
        hint: expect.objectContaining({ key: 'compose.problem.indentation' }),
      }),
    ]);
    expect(
      parseProblems(
        'yaml.scanner.ScannerError: mapping values are not allowed here\n  in "./mapping.yaml", line 3, column 13',
      )[0],
    ).toMatchObject({
      line: 3,
      column: 13,
      hint: { key: 'compose.problem.mappingValue' },
    });
  });

  it("reads compose's own checks: unknown keys, ports, dependencies", () => {
    const unknown = parseProblems(
      "The Compose file './unknown.yaml' is invalid because:\nUnsupported config option for services.web: 'colour'",
      '/x/compose.yaml',
    );
    expect(unknown).toEqual([
      {
        message: "Unsupported config option for services.web: 'colour'",
        file: '/x/compose.yaml',
        hint: expect.objectContaining({
          key: 'compose.problem.unknownKey',
          params: { key: 'colour', where: 'services.web' },
        }),
      },
    ]);
    expect(
      parseProblems(
        "ERROR: The Compose file './a.yaml' is invalid because:\nservices.web additional property colour is not allowed\nAdditional property colour is not allowed",
      )[1]?.hint?.key,
    ).toBe('compose.problem.unknownKey');
    expect(
      parseProblems(
        "The Compose file './port.yaml' is invalid because:\nservices.web.ports contains an invalid type, it should be a number, or an object",
      )[0]?.hint,
    ).toMatchObject({
      key: 'compose.problem.port',
      params: { where: 'services.web.ports' },
    });
    expect(parseProblems("Service 'web' depends on service 'db' which is undefined.")[0]?.hint).toMatchObject({
      key: 'compose.problem.undefinedDependency',
      params: { service: 'web', dependency: 'db' },
    });
  });

  it("keeps an unknown message as the tool said it, without podman-compose's own chatter", () => {
    expect(parseProblems("['podman', '--version', '']\nusing podman version: 4.3.1\nsomething else broke\n")).toEqual([
      { message: 'something else broke' },
    ]);
  });
});

describe('locateProblems', () => {
  const text = [
    'services:',
    '  db:',
    '    image: postgres',
    '  web:',
    '    image: nginx',
    '    colour: red',
    '    ports:',
    '      - "abc:80"',
    '    depends_on: [cache]',
    '',
  ].join('\n');

  it('finds the line of the key, port list or depends_on a check names', () => {
    const problems = parseProblems(
      [
        "The Compose file './compose.yaml' is invalid because:",
        "Unsupported config option for services.web: 'colour'",
        'services.web.ports contains an invalid type, it should be a number, or an object',
        "Service 'web' depends on service 'cache' which is undefined.",
      ].join('\n'),
      '/x/compose.yaml',
    );
    expect(locateProblems(problems, text).map((p) => p.line)).toEqual([6, 7, 9]);
  });

  it('keeps the line a YAML error gave', () => {
    expect(
      locateProblems(
        [{ message: 'x', line: 2, hint: { message: '', key: 'compose.problem.unknownKey', params: { key: 'image' } } }],
        text,
      )[0]?.line,
    ).toBe(2);
  });
});
