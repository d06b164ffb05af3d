const STORAGE_KEY = 'flagstaff.adminToken';

/**
 * The admin token lives in session storage: it survives reloads of this tab and is gone with it.
 * Requests read it here when they start, so no render order can send a request without it.
 */
export const tokenStorage = {
  read: (): string | null => sessionStorage.getItem(STORAGE_KEY),
  write: (token: string): void => sessionStorage.setItem(STORAGE_KEY, token),
  clear: (): void => sessionStorage.removeItem(STORAGE_KEY),
};
