import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitSchema } from '../../src/emit-schema.js';

describe('GraphQL schema', () => {
  it('matches the committed schema.gql the client is generated from', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zipin-schema-test-')), 'schema.gql');
    await emitSchema(file);
    const committed = readFileSync(fileURLToPath(new URL('../../schema.gql', import.meta.url)), 'utf8');
    // If this fails: `pnpm --filter @zipin/server build && pnpm --filter @zipin/server schema`, then regenerate the client types.
    expect(readFileSync(file, 'utf8')).toBe(committed);
  });
});
