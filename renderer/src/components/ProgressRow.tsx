// One line of transfer progress (an upload, a download): what it is, a bar,
// the bytes, and an action (Cancel, Dismiss). Without `max` the bar moves
// without saying how far (nothing tells the total).
import type { ReactNode } from 'react';
import './progress-row.css';

export interface ProgressRowProps {
  testId: string;
  /** data-* attributes for tests and styling. */
  data?: Record<`data-${string}`, string>;
  label: string;
  barLabel: string;
  value?: number;
  max?: number;
  detail: string;
  detailTitle?: string;
  action?: ReactNode;
  children?: ReactNode;
}

export function ProgressRow({
  testId,
  data,
  label,
  barLabel,
  value,
  max,
  detail,
  detailTitle,
  action,
  children,
}: ProgressRowProps) {
  return (
    <div className="upload-progress progress-row" role="status" data-testid={testId} {...data}>
      <span className="small">{label}</span>
      {max !== undefined ? (
        <progress max={max} value={value ?? 0} aria-label={barLabel} />
      ) : (
        <progress aria-label={barLabel} />
      )}
      <span className="small mono" title={detailTitle}>
        {detail}
      </span>
      {action}
      {children}
    </div>
  );
}
