import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProbeRoute = (req: IncomingMessage) => Promise<{ status: number; body: string; contentType: string }>;

/**
 * A bare HTTP listener for what orchestrators and scrapers ask a process that has no HTTP
 * of its own (a worker), or that must not expose it on the public port (/metrics).
 */
export class ProbeServer {
  private server: Server | null = null;

  constructor(private readonly routes: Record<string, ProbeRoute>) {}

  async listen(port: number, host: string): Promise<number> {
    const server = createServer((req, res) => void this.answer(req, res));
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = req.method === 'GET' ? this.routes[path] : undefined;
    try {
      const r = route ? await route(req) : { status: 404, body: JSON.stringify({ code: 'NOT_FOUND' }), contentType: 'application/json' };
      res.writeHead(r.status, { 'content-type': r.contentType, 'cache-control': 'no-store' }).end(r.body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }));
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
