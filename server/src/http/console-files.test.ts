import { describe, expect, it } from '@jest/globals';
import { cacheControlFor, isConsoleRoute } from './console-files.js';

describe('isConsoleRoute', () => {
  const html = 'text/html,application/xhtml+xml,*/*;q=0.8';

  it('takes a browser opening a console page to the console', () => {
    expect(isConsoleRoute('/projects/default/flags/new-checkout/staging', html)).toBe(true);
    expect(isConsoleRoute('/sign-in', html)).toBe(true);
  });

  it('leaves requests that do not ask for HTML to the server 404', () => {
    expect(isConsoleRoute('/projects/default/flags', '*/*')).toBe(false);
    expect(isConsoleRoute('/projects/default/flags', undefined)).toBe(false);
  });

  it('never answers the server’s own paths or missing build files with the page', () => {
    for (const path of [
      '/graphql',
      '/graphql/x',
      '/sdk/v1/nope',
      '/ofrep/v1/x',
      '/hooks/v1/x',
      '/api/docs',
      '/metrics',
      '/healthz',
      '/readyz',
      '/assets/old-1234.js',
    ]) {
      expect(isConsoleRoute(path, html)).toBe(false);
    }
  });
});

describe('cacheControlFor', () => {
  it('caches hashed build files for good and revalidates everything else', () => {
    expect(cacheControlFor('/srv/console/dist/assets/index-C62CwgVH.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlFor('/srv/console/dist/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/console/dist/favicon.svg')).toBe('no-cache');
  });
});
