import type { ReactNode } from 'react';

/** An empty list says what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__next">{children}</div>}
    </div>
  );
}
