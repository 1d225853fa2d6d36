/**
 * A request's log fields travel with the request, not with a child logger: a line written
 * anywhere inside it (after awaits, from another module's logger) names the request, and the
 * fields added once the user is known; a line outside any request names none.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/app-config.js';
import { createRootLogger } from '../../src/logging/log-options.js';
import { requestLogging } from '../../src/logging/request-logging.js';
import { requestLogStore } from '../../src/logging/request-log-store.js';

describe('request log context', () => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'zipin-log-')), 'app.log');
  const root = createRootLogger({ logFormat: 'json', logFile, logLevel: 'log' } as AppConfig, 'api');
  let server: Server;
  beforeAll(async () => {
    const middleware = requestLogging(root);
    server = createServer((req, res) =>
      middleware(req as Parameters<typeof middleware>[0], res, async () => {
        await new Promise((r) => setTimeout(r, 5));
        // What resolveUser and the GraphQL plugin add once the user and the operation are known.
        if (!req.url!.startsWith('/api/')) Object.assign(requestLogStore.getStore()!, { userId: 'u-1', packageId: 'p-1' });
        await Promise.resolve();
        root.child({ context: 'SomeService' }).info('inside the request');
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end('ok');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('names the request, the user and the package on every line inside it, and nothing outside', async () => {
    const port = (server.address() as { port: number }).port;
    const answers = await Promise.all(['/a', '/missing', '/api/packages/3f2a-99/export.xlsx'].map((path, i) => fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-request-id': `request-${i}-abcdef` } })));
    expect(answers.map((a) => a.headers.get('x-request-id'))).toEqual(['request-0-abcdef', 'request-1-abcdef', 'request-2-abcdef']);
    root.info('outside any request');
    root.flush();
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const inside = lines.filter((l) => l.msg === 'inside the request' && l.requestId !== 'request-2-abcdef');
    expect(inside.map((l) => l.requestId).sort()).toEqual(['request-0-abcdef', 'request-1-abcdef']);
    for (const l of inside) expect(l).toMatchObject({ userId: 'u-1', packageId: 'p-1', context: 'SomeService' });
    const closing = lines.filter((l) => l.req);
    expect(closing).toHaveLength(3);
    // A REST route about one package names it from the path.
    expect(lines.filter((l) => l.requestId === 'request-2-abcdef').map((l) => l.packageId)).toEqual(['3f2a-99', '3f2a-99']);
    expect(closing.find((l) => l.req.url === '/missing')).toMatchObject({ requestId: 'request-1-abcdef', userId: 'u-1', packageId: 'p-1', level: 40, res: { statusCode: 404 } });
    const outside = lines.find((l) => l.msg === 'outside any request')!;
    expect(outside.requestId).toBeUndefined();
    expect(outside.userId).toBeUndefined();
  });
});
