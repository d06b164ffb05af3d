import { useEffect, type ReactNode } from 'react';

/** The title and lead of a page, with its main actions on the right; also the tab's title. */
export function PageHeader({
  title,
  documentTitle,
  lead,
  actions,
}: {
  title: ReactNode;
  /** What the browser tab says, before " · Flagstaff". */
  documentTitle: string;
  lead?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${documentTitle} · Flagstaff`;
  }, [documentTitle]);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {lead}
      </div>
      {actions}
    </div>
  );
}
