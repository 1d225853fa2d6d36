import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the operations in src/api/operations.ts, checked against the server's committed
 * schema (../server/schema.gql). Run `pnpm --filter @zipin/client codegen` after the schema changes.
 */
const config: CodegenConfig = {
  schema: '../server/schema.gql',
  documents: ['src/api/operations.ts'],
  ignoreNoDocuments: true,
  generates: {
    'src/api/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { JSON: 'unknown', DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
