import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Writes .br and .gz beside each text file, which the server sends to browsers that accept them. */
function precompress(): Plugin {
  return {
    name: 'flagstaff-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(file)) continue;
        const path = join(options.dir!, file);
        const content = readFileSync(path);
        // Quality 9 of 11: nearly as small, several times faster to build.
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

// Built to console/dist, which the server serves at `/` (server/src/http/). Hashed file names
// under assets/ let the server cache them for good; index.html is revalidated every time.
export default defineConfig({
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: true },
  // `npm run dev -w console` against a server on :4000.
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
});
