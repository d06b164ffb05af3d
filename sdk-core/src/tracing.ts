// Whether evaluation records what decided it into a trace (explain.ts). Only the server explains
// (`explain` is exported by `@flagstaff/sdk-core` alone): sdk-web's build loads this module as
// `false`, so the bundle drops every `if (TRACING && trace !== undefined)` step a browser never takes.
export const TRACING: boolean = true;
