import type { ReactNode } from 'react';
import type { OlderPagesState } from '../graphql/use-older-pages.js';
import { ErrorNotice } from './error-notice.js';

/** Appends the next page of a newest-first list below it, while the list goes on. */
export function OlderRowsButton({
  pages,
  children,
}: {
  pages: Pick<OlderPagesState<unknown, unknown>, 'hasOlder' | 'loadingOlder' | 'olderError' | 'loadOlder'>;
  children: ReactNode;
}) {
  return (
    <>
      {pages.olderError && <ErrorNotice error={pages.olderError} />}
      {pages.hasOlder && (
        <button className="button" type="button" disabled={pages.loadingOlder} onClick={pages.loadOlder}>
          {pages.loadingOlder ? 'Loading…' : children}
        </button>
      )}
    </>
  );
}
