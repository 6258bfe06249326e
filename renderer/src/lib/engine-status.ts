// The engine's status text ("Up 2 minutes (healthy)", "Exited (0) 2 hours ago")
// is English whatever the UI language: Docker and Podman build it with the
// same Go helpers (go-units HumanDuration), so it follows a few fixed patterns
// that can be translated piece by piece. Anything unknown stays as it is.

type Translate = (status: string) => string | undefined;

const KO_UNITS: Record<string, string> = {
  second: '초',
  minute: '분',
  hour: '시간',
  day: '일',
  week: '주',
  month: '개월',
  year: '년',
};

/** A go-units human duration in Korean, or undefined when it is not one. */
function koDuration(text: string): string | undefined {
  const d = text.trim();
  if (/^less than a second$/i.test(d)) return '1초 미만';
  if (/^about a minute$/i.test(d)) return '약 1분';
  if (/^about an hour$/i.test(d)) return '약 1시간';
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/i.exec(d);
  if (m) return `${m[1]}${KO_UNITS[m[2]!.toLowerCase()]!}`;
  return undefined;
}

const KO_NOTES: Record<string, string> = {
  paused: '일시 정지됨',
  healthy: '정상',
  unhealthy: '비정상',
  'health: starting': '상태 확인 중',
};

/** "(healthy)" and the like after an Up status. */
function koNote(note: string | undefined): string | undefined {
  if (note === undefined) return '';
  const k = KO_NOTES[note.toLowerCase()];
  return k === undefined ? undefined : ` (${k})`;
}

const KO_WORDS: Record<string, string> = {
  created: '생성됨',
  'removal in progress': '삭제 중',
  dead: '오류(dead)',
  paused: '일시 정지됨',
  stopped: '중지됨',
  exited: '종료됨',
  running: '실행 중',
  initialized: '초기화됨',
  configured: '구성됨',
  stopping: '중지 중',
  unknown: '알 수 없음',
};

const toKorean: Translate = (status) => {
  const s = status.trim();
  const word = KO_WORDS[s.toLowerCase()];
  if (word) return word;

  // "Up 35 seconds", "Up About a minute (healthy)", "Up 2 hours (Paused)"
  let m = /^Up (.+?)(?: \(([^)]+)\))?$/.exec(s);
  if (m) {
    const duration = koDuration(m[1]!);
    const note = koNote(m[2]);
    if (duration !== undefined && note !== undefined) return `실행 시간 ${duration}${note}`;
    return undefined;
  }

  // "Exited (0) 2 hours ago", "Restarting (1) 5 seconds ago"; the exit code stays.
  m = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(s);
  if (m) {
    const duration = koDuration(m[3]!);
    if (duration === undefined) return undefined;
    const what = m[1] === 'Exited' ? '종료됨' : '재시작 중';
    return `${what} (${m[2]}) · ${duration} 전`;
  }
  return undefined;
};

const TRANSLATORS: Record<string, Translate> = { ko: toKorean };

/** The engine's status text in the UI language, or as the engine wrote it. */
export function translateEngineStatus(status: string, language: string): string {
  const translate = TRANSLATORS[language];
  return (translate && translate(status)) ?? status;
}
