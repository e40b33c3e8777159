/**
 * A small status page on 127.0.0.1: `/healthz` for anyone, everything else (`/status` JSON,
 * `/metrics` Prometheus text) only with `Authorization: Bearer <QT_STATUS_TOKEN>`. Without a
 * configured token nothing but `/healthz` is served.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Settings of {@link StatusServer}. */
export interface StatusServerConfig {
  /** Port (0 = any free one). */
  readonly port: number;
  /** Interface (default 127.0.0.1). */
  readonly host?: string;
  /** The bearer token (from `QT_STATUS_TOKEN`); undefined refuses everything but `/healthz`. */
  readonly token: string | undefined;
  readonly status: () => unknown;
  readonly metrics: () => string;
  readonly healthy: () => boolean;
}

/** @example const s = await StatusServer.start({ port: 9464, token: process.env.QT_STATUS_TOKEN, status, metrics, healthy }); */
export class StatusServer {
  readonly #server: Server;
  #port = 0;

  private constructor(cfg: StatusServerConfig) {
    const expected = cfg.token === undefined || cfg.token === '' ? null : Buffer.from(cfg.token);
    this.#server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (req.method !== 'GET') {
        res.writeHead(405).end();
        return;
      }
      if (path === '/healthz') {
        const ok = cfg.healthy();
        res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'unhealthy\n');
        return;
      }
      const auth = req.headers.authorization ?? '';
      const given = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7) : '');
      if (expected === null || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'application/json' }).end('{"error":"unauthorized"}\n');
        return;
      }
      if (path === '/status') res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(cfg.status())}\n`);
      else if (path === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(cfg.metrics());
      else res.writeHead(404).end();
    });
  }

  static async start(cfg: StatusServerConfig): Promise<StatusServer> {
    const s = new StatusServer(cfg);
    await new Promise<void>((ok, fail) => {
      s.#server.once('error', fail);
      s.#server.listen(cfg.port, cfg.host ?? '127.0.0.1', ok);
    });
    s.#port = (s.#server.address() as AddressInfo).port;
    return s;
  }

  get port(): number {
    return this.#port;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((ok) => this.#server.close(() => ok()));
  }
}
