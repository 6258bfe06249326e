import { describe, expect, it } from 'vitest';
import { applySgr, parseAnsi, stripAnsi } from './ansi';

const E = '\u001b';

describe('parseAnsi', () => {
  it('leaves plain text as one unstyled segment', () => {
    expect(parseAnsi('hello world').segments).toEqual([{ text: 'hello world' }]);
  });

  it('reads the 16 colours, bold and underline, and a reset', () => {
    const { segments, end } = parseAnsi(`${E}[31mred${E}[0m plain ${E}[1;4;92mbright${E}[m`);
    expect(segments).toEqual([
      { text: 'red', style: { fg: 1 } },
      { text: ' plain ' },
      { text: 'bright', style: { bold: true, underline: true, fg: 10 } },
    ]);
    expect(end).toEqual({});
  });

  it('reads 256-colour and true-colour codes, in both separator forms', () => {
    expect(parseAnsi(`${E}[38;5;196mx`).segments[0]?.style).toEqual({ fg: '#ff0000' });
    expect(parseAnsi(`${E}[38;5;244mx`).segments[0]?.style).toEqual({ fg: '#808080' });
    expect(parseAnsi(`${E}[38;5;3mx`).segments[0]?.style).toEqual({ fg: 3 });
    expect(parseAnsi(`${E}[48;2;10;20;30mx`).segments[0]?.style).toEqual({ bg: '#0a141e' });
    expect(parseAnsi(`${E}[38:2::255:128:0mx`).segments[0]?.style).toEqual({ fg: '#ff8000' });
  });

  it('carries a style from one line into the next', () => {
    const first = parseAnsi(`${E}[33mwarning: starts here`);
    expect(first.end).toEqual({ fg: 3 });
    const second = parseAnsi(`and goes on${E}[39m done`, first.end);
    expect(second.segments).toEqual([{ text: 'and goes on', style: { fg: 3 } }, { text: ' done' }]);
  });

  it('turns attributes off one by one', () => {
    expect(applySgr({ bold: true, fg: 1, underline: true }, '22;24')).toEqual({ fg: 1 });
    expect(applySgr({ fg: 1, bg: 2 }, '39;49')).toEqual({});
  });

  it('drops other escape sequences and control characters, and never yields markup', () => {
    const line = `${E}]0;title${E}\\${E}[2K${E}[1G<b>x</b>\u0007\u0000 ok`;
    expect(parseAnsi(line).segments).toEqual([{ text: '<b>x</b> ok' }]);
    expect(stripAnsi(line)).toBe('<b>x</b> ok');
    expect(stripAnsi(`${E}[31mred${E}[0m`)).toBe('red');
  });

  it('survives a sequence cut off at the end of the line', () => {
    expect(stripAnsi(`text${E}[31`)).toBe('text[31');
    expect(parseAnsi(`a${E}[38;5mb`).segments).toEqual([{ text: 'ab' }]);
  });
});
