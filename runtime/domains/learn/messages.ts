// Learn: what a check says when the engine shows an attempt that is not
// right yet, in English and Korean. The checks return a key and values; the
// service words them in the learner's language.
import { type ExitMeaning, explainExitCode } from '../activity/exit-codes';
import type { LessonLocale } from './types';

export interface CheckMessage {
  key: MessageKey;
  values: Record<string, string | number>;
}

type Table = Record<LessonLocale, string>;

const MESSAGES = {
  containerState: {
    en: 'The container {name} is {actual}; this step wants it {expected}.',
    ko: '컨테이너 {name}은(는) 지금 {actual} 상태입니다. 이 단계에서는 {expected} 상태여야 합니다.',
  },
  containerExited: {
    en: 'The container {name} exited with code {code}: {meaning}.',
    ko: '컨테이너 {name}이(가) 종료 코드 {code}(으)로 끝났습니다: {meaning}.',
  },
  containerNotStarted: {
    en: 'The container {name} could not start (code {code}): {meaning}.',
    ko: '컨테이너 {name}이(가) 시작하지 못했습니다(코드 {code}): {meaning}.',
  },
  containerExitCode: {
    en: 'The container {name} exited with code {code} ({meaning}); this step expects code {expected}.',
    ko: '컨테이너 {name}의 종료 코드는 {code}({meaning})입니다. 이 단계에서는 종료 코드 {expected}이(가) 나와야 합니다.',
  },
  containerImage: {
    en: 'The container {name} was made from {actual}, not from {expected}.',
    ko: '컨테이너 {name}은(는) {expected}이(가) 아니라 {actual} 이미지로 만들어졌습니다.',
  },
  containerCommand: {
    en: 'The container {name} runs `{actual}`; this step wants a command with `{expected}`.',
    ko: '컨테이너 {name}은(는) `{actual}`을(를) 실행합니다. 이 단계에서는 `{expected}`이(가) 들어간 명령이어야 합니다.',
  },
  containerNoPort: {
    en: 'The container {name} does not publish port {port}. Add `-p` when you run it.',
    ko: '컨테이너 {name}은(는) 포트 {port}을(를) 공개하지 않습니다. 실행할 때 `-p`를 붙이세요.',
  },
  containerHostPort: {
    en: 'The container {name} publishes port {port} on host port {actual}, not {expected}.',
    ko: '컨테이너 {name}은(는) 포트 {port}을(를) 호스트 포트 {expected}이(가) 아니라 {actual}(으)로 공개합니다.',
  },
  containerNoMount: {
    en: 'The container {name} has nothing mounted at {destination}.',
    ko: '컨테이너 {name}의 {destination}에는 아무것도 마운트되어 있지 않습니다.',
  },
  containerMount: {
    en: 'The container {name} mounts {actual} at {destination}, not {expected}.',
    ko: '컨테이너 {name}의 {destination}에는 {expected}이(가) 아니라 {actual}이(가) 마운트되어 있습니다.',
  },
  containerMountVolume: {
    en: 'The container {name} mounts the volume {volume} at {destination}; this step wants a bind mount of a host folder there (its path ends in {expected}). A name without a path, like {volume}, names a volume.',
    ko: '컨테이너 {name}의 {destination}에는 볼륨 {volume}이(가) 마운트되어 있습니다. 이 단계에서는 경로가 {expected}(으)로 끝나는 호스트 폴더를 바인드 마운트해야 합니다. {volume}처럼 경로 없이 쓴 이름은 볼륨 이름입니다.',
  },
  containerNetwork: {
    en: 'The container {name} is not on the network {network}.',
    ko: '컨테이너 {name}은(는) 네트워크 {network}에 연결되어 있지 않습니다.',
  },
  containerMemory: {
    en: "The container {name}'s memory limit is {actual}; this step wants {expected}.",
    ko: '컨테이너 {name}의 메모리 제한은 {actual}입니다. 이 단계에서는 {expected}이어야 합니다.',
  },
  containerUnlabelled: {
    en: 'The container {name} was made without --label {label}, so Reset would not find it.',
    ko: '컨테이너 {name}은(는) --label {label} 없이 만들어져서 초기화가 찾지 못합니다.',
  },
  stillThere: {
    en: 'The {kind} {name} is still there.',
    ko: '{kind} {name}이(가) 아직 남아 있습니다.',
  },
  containersLeft: {
    en: 'Containers this step wants gone are still there: {names}.',
    ko: '이 단계에서 없애야 할 컨테이너가 아직 {count}개 남아 있습니다: {names}.',
  },
  danglingImages: {
    en: 'Dangling images (<none>:<none>, no tag points to them) are still there: {count}.',
    ko: '댕글링 이미지(<none>:<none>, 가리키는 태그가 없는 이미지)가 아직 {count}개 남아 있습니다.',
  },
  imageLayers: {
    en: 'The image {ref} has {actual} layers; this step wants at least {expected}.',
    ko: '이미지 {ref}의 레이어는 {actual}개입니다. 이 단계에서는 {expected}개 이상이어야 합니다.',
  },
  notCached: {
    en: 'The image {ref} does not share its first {count} layers with {base}: the build did not reuse the build cache.',
    ko: '이미지 {ref}의 처음 {count}개 레이어가 {base}와 같지 않습니다. 빌드가 빌드 캐시를 쓰지 않았습니다.',
  },
  volumeNoFile: {
    en: 'The volume {volume} has no file {path} yet.',
    ko: '볼륨 {volume}에 아직 {path} 파일이 없습니다.',
  },
  volumeFileText: {
    en: 'The file {path} in the volume {volume} does not contain “{text}”.',
    ko: '볼륨 {volume}의 파일 {path}에 “{text}”이(가) 들어 있지 않습니다.',
  },
  networkMissing: {
    en: 'The network {name} does not connect {containers} yet.',
    ko: '네트워크 {name}에 아직 {containers}이(가) 연결되어 있지 않습니다.',
  },
  composeServices: {
    en: 'The project {project} has no containers for {services}.',
    ko: '프로젝트 {project}에 {services} 서비스의 컨테이너가 없습니다.',
  },
  composeStopped: {
    en: 'In the project {project}, {services} is not running.',
    ko: '프로젝트 {project}에서 {services}이(가) 실행 중이 아닙니다.',
  },
  composeLeft: {
    en: 'The project {project} still has containers ({names}): `docker compose down` removes them.',
    ko: '프로젝트 {project}에 아직 컨테이너가 있습니다({names}). `docker compose down`이 컨테이너를 지웁니다.',
  },
  podDocker: {
    en: 'Pods are a Podman feature; the connected engine is Docker, so this step runs only on Podman.',
    ko: '파드는 Podman의 기능입니다. 지금 연결된 엔진은 Docker라서 이 단계는 Podman에서만 할 수 있습니다.',
  },
  podContainers: {
    en: 'The pod {name} has {actual} containers; this step wants {expected}.',
    ko: '파드 {name}에는 컨테이너가 {actual}개 있습니다. 이 단계에서는 {expected}개여야 합니다.',
  },
  podStopped: {
    en: 'The pod {name} is {actual}, not running.',
    ko: '파드 {name}은(는) 실행 중이 아니라 {actual} 상태입니다.',
  },
  manual: {
    en: 'Press Done when you have done it.',
    ko: '해 보셨으면 완료를 누르세요.',
  },
} as const satisfies Record<string, Table>;

export type MessageKey = keyof typeof MESSAGES;

const STATES: Record<string, Table> = {
  running: { en: 'running', ko: '실행 중' },
  exited: { en: 'stopped (exited)', ko: '멈춤(exited)' },
  created: { en: 'created but not started', ko: '만들어졌지만 시작 전' },
  paused: { en: 'paused', ko: '일시 정지' },
  restarting: { en: 'restarting', ko: '재시작 중' },
  dead: { en: 'dead', ko: '죽은(dead)' },
};

const KINDS: Record<string, Table> = {
  container: { en: 'container', ko: '컨테이너' },
  image: { en: 'image', ko: '이미지' },
  volume: { en: 'volume', ko: '볼륨' },
  network: { en: 'network', ko: '네트워크' },
};

/** What an exit code means (runtime/domains/activity/exit-codes.ts), in a few words. */
const EXIT: Record<ExitMeaning, Table> = {
  ok: { en: 'success', ko: '성공' },
  error: { en: 'the program reported an error', ko: '프로그램이 오류를 알렸습니다' },
  engine: { en: 'the engine could not run it', ko: '엔진이 실행하지 못했습니다' },
  cannotRun: { en: 'the command cannot be run', ko: '명령을 실행할 수 없습니다' },
  notFound: { en: 'the command was not found', ko: '명령을 찾을 수 없습니다' },
  oom: { en: 'it was killed for using too much memory', ko: '메모리를 너무 많이 써서 강제 종료되었습니다' },
  killed: { en: 'it was killed (SIGKILL)', ko: '강제 종료되었습니다(SIGKILL)' },
  segfault: { en: 'it crashed (segmentation fault)', ko: '비정상 종료되었습니다(세그멘테이션 오류)' },
  terminated: { en: 'it was asked to stop (SIGTERM)', ko: '멈추라는 요청을 받고 끝났습니다(SIGTERM)' },
  interrupted: { en: 'it was interrupted (SIGINT)', ko: '중단되었습니다(SIGINT)' },
  signal: { en: 'it was ended by signal {signal}', ko: '신호 {signal}(으)로 끝났습니다' },
  other: { en: "the program's own error code", ko: '프로그램이 정한 오류 코드입니다' },
};

const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

export const stateWord = (state: string, locale: LessonLocale): string => STATES[state]?.[locale] ?? state;
export const kindWord = (kind: string, locale: LessonLocale): string => KINDS[kind]?.[locale] ?? kind;

export function exitMeaning(code: number, locale: LessonLocale, oomKilled = false): string {
  const { meaning, signal } = explainExitCode(code, oomKilled);
  return fill(EXIT[meaning][locale], { signal: signal ?? '' });
}

/**
 * The message in `locale`. Values named `actual`/`expected` that are
 * container states, `kind`, and the exit `meaning` of `code` are worded
 * in that language too.
 */
export function wordMessage(message: CheckMessage, locale: LessonLocale): string {
  const values = { ...message.values };
  for (const name of ['actual', 'expected'] as const)
    if (message.key === 'containerState' || message.key === 'podStopped')
      values[name] = stateWord(String(values[name]), locale);
  if (typeof values.kind === 'string') values.kind = kindWord(values.kind, locale);
  if (typeof values.code === 'number') values.meaning = exitMeaning(values.code, locale, values.oom === 1);
  return fill(MESSAGES[message.key][locale], values);
}
