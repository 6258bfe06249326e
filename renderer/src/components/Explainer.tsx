import type { ReactNode } from 'react';
import { InfoIcon } from './Icons';

/** A short, collapsible explanation of a concept, for people learning Docker. */
export function Explainer({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="explainer">
      <summary>
        <InfoIcon size={15} />
        <span>{title}</span>
      </summary>
      <div className="explainer-body">{children}</div>
    </details>
  );
}
