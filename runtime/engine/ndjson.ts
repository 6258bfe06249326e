/**
 * Splits a byte stream of newline-delimited JSON into values. Chunks may end
 * in the middle of a line (or of a UTF-8 character); the remainder waits for
 * the next chunk. Lines that do not parse are reported, not thrown.
 */
export function createNdjsonParser(
  onValue: (value: unknown) => void,
  onBadLine: (line: string) => void = () => {},
): { push(chunk: Buffer | string): void; end(): void } {
  const decoder = new TextDecoder('utf-8');
  let pending = '';

  const handle = (line: string): void => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      onBadLine(trimmed);
      return;
    }
    onValue(value);
  };

  return {
    push(chunk) {
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        handle(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    end() {
      pending += decoder.decode();
      handle(pending);
      pending = '';
    },
  };
}
