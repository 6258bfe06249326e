// The things a dialog is about to act on, as a list that scrolls when long:
// the scrolling box is focusable (and named), so a keyboard can scroll it.
import type { ReactNode } from 'react';

export function TargetList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <div className="target-list" role="region" aria-label={label} tabIndex={0}>
      <ul aria-label={label}>{children}</ul>
    </div>
  );
}
