// The few globals the client layer uses that every platform it runs on has (Node ≥ 20 and
// browsers), declared here because sdk-core compiles without Node's or the DOM's type libraries.
// The tests compile with Node's types instead (tsconfig.test.json leaves this file out).
declare function queueMicrotask(callback: () => void): void;
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare const console: {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
declare function fetch(input: string | URL, init?: object): Promise<unknown>;
declare class URL {
  constructor(url: string, base?: string | URL);
  href: string;
  protocol: string;
  pathname: string;
  search: string;
  hash: string;
  toString(): string;
}
declare function structuredClone<T>(value: T): T;
interface AbortSignal {
  readonly aborted: boolean;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(): void;
}
