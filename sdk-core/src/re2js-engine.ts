// re2js as sdk-core's pattern engine. `@flagstaff/sdk-core` registers it when it loads; sdk-web
// imports this module (`@flagstaff/sdk-core/re2js`) lazily, so re2js is a chunk of its own.
import { RE2JS } from 're2js';
import type { PatternEngine } from './regex.js';

export const re2jsEngine: PatternEngine = { compile: (source) => RE2JS.compile(source) };
