import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the checked-in schema: no server, no network. The output is generated at
// build (and before type-checking), never committed, so it cannot go stale.
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/graphql/generated/**'],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: { JSON: 'unknown', DateTime: 'string' },
      },
    },
  },
};

export default config;
