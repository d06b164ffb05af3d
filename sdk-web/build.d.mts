// Types of build.mjs, for the tests and benchmarks that build the bundle.
export interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<
    string,
    {
      bytes: number;
      inputs: Record<string, { bytesInOutput: number }>;
      imports: { path: string; kind: string; external?: boolean }[];
      entryPoint?: string;
    }
  >;
}

export function buildSdkWeb(options?: { outdir?: string; external?: string[] }): Promise<Metafile>;
