import { buildPGliteSeed } from './storage/pglite-seed.js';

// Part of `npm run build`: prepares what a first start on the embedded default unpacks.
await buildPGliteSeed();
