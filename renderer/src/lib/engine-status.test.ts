import { describe, expect, it } from 'vitest';
import { translateEngineStatus } from './engine-status';

const ko = (s: string) => translateEngineStatus(s, 'ko');

describe('translateEngineStatus', () => {
  it.each([
    ['Up 35 seconds', '실행 시간 35초'],
    ['Up 1 second', '실행 시간 1초'],
    ['Up Less than a second', '실행 시간 1초 미만'],
    ['Up About a minute', '실행 시간 약 1분'],
    ['Up About an hour', '실행 시간 약 1시간'],
    ['Up 3 days', '실행 시간 3일'],
    ['Up 2 weeks', '실행 시간 2주'],
    ['Up 35 seconds (Paused)', '실행 시간 35초 (일시 정지됨)'],
    ['Up 2 minutes (healthy)', '실행 시간 2분 (정상)'],
    ['Up 2 minutes (unhealthy)', '실행 시간 2분 (비정상)'],
    ['Up 4 seconds (health: starting)', '실행 시간 4초 (상태 확인 중)'],
  ])('running: %s', (status, expected) => expect(ko(status)).toBe(expected));

  it.each([
    ['Exited (0) 2 hours ago', '종료됨 (0) · 2시간 전'],
    ['Exited (137) About a minute ago', '종료됨 (137) · 약 1분 전'],
    ['Exited (1) Less than a second ago', '종료됨 (1) · 1초 미만 전'],
    ['Restarting (1) 5 seconds ago', '재시작 중 (1) · 5초 전'],
    ['Exited (-1) 3 months ago', '종료됨 (-1) · 3개월 전'],
  ])('stopped, keeping the exit code: %s', (status, expected) => expect(ko(status)).toBe(expected));

  it.each([
    ['Created', '생성됨'],
    ['Removal In Progress', '삭제 중'],
    ['Dead', '오류(dead)'],
    ['Paused', '일시 정지됨'],
    ['Stopped', '중지됨'],
  ])('single words: %s', (status, expected) => expect(ko(status)).toBe(expected));

  it('leaves text it does not know as the engine wrote it', () => {
    expect(ko('Up 2 minutes (something new)')).toBe('Up 2 minutes (something new)');
    expect(ko('Exited (0) sometime ago')).toBe('Exited (0) sometime ago');
    expect(ko('Frobnicating')).toBe('Frobnicating');
    expect(ko('')).toBe('');
  });

  it('is the identity in English', () => {
    expect(translateEngineStatus('Up 35 seconds (Paused)', 'en')).toBe('Up 35 seconds (Paused)');
  });
});
