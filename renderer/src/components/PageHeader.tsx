import type { ReactNode } from 'react';

export function PageHeader({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count?: string | undefined;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div className="page-title-row">
        <h1 id={id}>{title}</h1>
        {count && <span className="page-count">{count}</span>}
      </div>
      {children}
    </header>
  );
}
