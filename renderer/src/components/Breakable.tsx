import { Fragment } from 'react';

/**
 * Text that may wrap after "/", ":" and "@" (image references, paths) before
 * it wraps anywhere else, so "wharf-test/shell:latest" breaks at the slash.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/:@])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}
