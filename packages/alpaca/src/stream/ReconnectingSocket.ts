/**
 * One WebSocket kept alive by a loop (never recursion): connect, hand-shake, heartbeat, and on any
 * loss wait a jittered, capped exponential backoff and connect again — up to a bounded number of
 * consecutive failures. Liveness is checked two ways: a transport heartbeat (ping every
 * `pingIntervalMs`; the socket is declared dead after `deadAfterMs` without any frame or pong) and
 * an optional data-staleness watchdog (`staleAfterMs` without a data message). A "connection limit
 * exceeded" (406) waits at least `connectionLimitWaitMs` (Alpaca reaps stale sessions after ~90 s).
 */
import WebSocket from 'ws';
import type { StreamStatus } from '@qt-backtest/core';

/** Timing of a {@link ReconnectingSocket}; every value in ms. */
export interface SocketTiming {
  /** Ping period (default 10,000; must be ≤ 10,000 to meet the adapter's contract). */
  readonly pingIntervalMs?: number;
  /** Silence after which the socket is dead (default 20,000). */
  readonly deadAfterMs?: number;
  /** Data silence after which the stream is stale and reconnected (default 0: off). */
  readonly staleAfterMs?: number;
  /**
   * Whether silence counts right now (default: always). Bars legitimately stop outside market
   * hours; the live session passes "the market is open" from `/v2/clock`.
   */
  readonly staleWhen?: () => boolean;
  /** First reconnect delay (default 1,000). */
  readonly initialBackoffMs?: number;
  /** Largest reconnect delay (default 60,000). */
  readonly maxBackoffMs?: number;
  /** Consecutive failed attempts before giving up (default 20). */
  readonly maxAttempts?: number;
  /** Least wait after a 406 connection-limit error (default 90,000). */
  readonly connectionLimitWaitMs?: number;
  /** Time a connection must stay up before the backoff resets (default 30,000). */
  readonly healthyAfterMs?: number;
}

/** What a protocol can tell the socket while handling a message. */
export interface SocketControl {
  send(text: string): void;
  /** The handshake is complete (authenticated and subscribed). */
  ready(): void;
  /** A data message arrived (feeds the staleness watchdog). */
  activity(): void;
  /** Unrecoverable (bad keys, plan limits): stop for good. */
  fatal(reason: string): void;
  /** The server refused a second session: wait at least the connection-limit time. */
  connectionLimited(reason: string): void;
}

/** A stream's wire protocol (auth, subscribe, messages). */
export interface SocketProtocol {
  /** Called on open: send the first message(s). */
  open(control: SocketControl): void;
  /** Called for each text message (binary frames are decoded as UTF-8 first). */
  message(text: string, control: SocketControl): void;
}

/** Settings of {@link ReconnectingSocket}. */
export interface ReconnectingSocketConfig extends SocketTiming {
  readonly url: string;
  readonly protocol: SocketProtocol;
  readonly onStatus?: (status: StreamStatus) => void;
  /** Redacts text before it leaves in a status (credentials must never appear). */
  readonly redact?: (text: string) => string;
  readonly random?: () => number;
}

/** A self-healing WebSocket. */
export class ReconnectingSocket {
  readonly #cfg: ReconnectingSocketConfig;
  #closed = false;
  #ws: WebSocket | null = null;
  #attempt = 0;
  #resolveReady!: () => void;
  #rejectReady!: (e: Error) => void;
  /** Resolves after the first successful handshake; rejects on a fatal error before it. */
  readonly ready: Promise<void>;
  #everReady = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(config: ReconnectingSocketConfig) {
    const ping = config.pingIntervalMs ?? 10_000;
    const dead = config.deadAfterMs ?? 20_000;
    if (!(ping > 0 && ping <= 10_000)) throw new RangeError(`pingIntervalMs must be in (0, 10000], got "${ping}"`);
    if (!(dead > ping && dead <= 20_000)) throw new RangeError(`deadAfterMs must be in (pingIntervalMs, 20000], got "${dead}"`);
    this.#cfg = config;
    this.ready = new Promise((ok, fail) => {
      this.#resolveReady = ok;
      this.#rejectReady = fail;
    });
    this.ready.catch(() => {});
  }

  /** Starts the connect loop. */
  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops for good and waits for the loop to end. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    const ws = this.#ws;
    if (ws !== null) {
      ws.close();
      setTimeout(() => ws.terminate(), 200).unref();
    }
    await this.#loop;
  }

  #status(state: StreamStatus['state'], reason?: string): void {
    const r = reason === undefined ? undefined : (this.#cfg.redact ?? ((t: string) => t))(reason);
    this.#cfg.onStatus?.({ state, attempt: this.#attempt, ...(r === undefined ? {} : { reason: r }) });
  }

  async #run(): Promise<void> {
    const maxAttempts = this.#cfg.maxAttempts ?? 20;
    let failures = 0;
    while (!this.#closed) {
      this.#status(this.#attempt === 0 ? 'connecting' : 'reconnecting');
      const outcome = await this.#connectOnce();
      if (this.#closed) break;
      if (outcome.kind === 'fatal') {
        this.#status('fatal', outcome.reason);
        this.#rejectReady(new Error(`stream fatal: ${outcome.reason}`));
        this.#closed = true;
        break;
      }
      failures = outcome.healthy ? 1 : failures + 1;
      if (failures > maxAttempts) {
        this.#status('fatal', `gave up after ${maxAttempts} failed reconnect attempts (${outcome.reason})`);
        this.#rejectReady(new Error('stream gave up reconnecting'));
        this.#closed = true;
        break;
      }
      this.#attempt++;
      const base = this.#cfg.initialBackoffMs ?? 1000;
      const cap = this.#cfg.maxBackoffMs ?? 60_000;
      let delay = Math.min(cap, base * 2 ** (failures - 1)) * (0.8 + 0.4 * (this.#cfg.random ?? Math.random)());
      if (outcome.kind === 'limited') delay = Math.max(delay, this.#cfg.connectionLimitWaitMs ?? 90_000);
      this.#status('reconnecting', `${outcome.reason}; next attempt in ${Math.round(delay)} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        this.#wake = () => {
          clearTimeout(t);
          r();
        };
      });
      this.#wake = null;
    }
    this.#status('closed');
  }

  /** One connection from open to loss. */
  #connectOnce(): Promise<{ kind: 'lost' | 'fatal' | 'limited'; reason: string; healthy: boolean }> {
    return new Promise((resolve) => {
      const ping = this.#cfg.pingIntervalMs ?? 10_000;
      const dead = this.#cfg.deadAfterMs ?? 20_000;
      const stale = this.#cfg.staleAfterMs ?? 0;
      const healthyAfter = this.#cfg.healthyAfterMs ?? 30_000;
      const ws = new WebSocket(this.#cfg.url, { perMessageDeflate: false, handshakeTimeout: dead });
      this.#ws = ws;
      let lastHeard = Date.now();
      let lastData = Date.now();
      let readyAt = 0;
      let outcome: { kind: 'lost' | 'fatal' | 'limited'; reason: string } | null = null;
      const end = (kind: 'lost' | 'fatal' | 'limited', reason: string): void => {
        outcome ??= { kind, reason };
        ws.terminate();
      };
      const control: SocketControl = {
        send: (text) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(text);
        },
        ready: () => {
          readyAt = Date.now();
          lastData = readyAt;
          this.#status('connected');
          if (!this.#everReady) {
            this.#everReady = true;
            this.#resolveReady();
          }
        },
        activity: () => {
          lastData = Date.now();
        },
        fatal: (reason) => end('fatal', reason),
        connectionLimited: (reason) => end('limited', reason),
      };
      const timer = setInterval(() => {
        const now = Date.now();
        if (now - lastHeard > dead) {
          end('lost', `no frame or pong for ${now - lastHeard} ms (dead after ${dead} ms)`);
          return;
        }
        if (readyAt === 0 && now - lastHeard > dead) end('lost', 'handshake did not complete');
        if (stale > 0 && this.#cfg.staleWhen?.() === false) lastData = now;
        if (stale > 0 && readyAt > 0 && now - lastData > stale) {
          this.#status('stale', `no data for ${now - lastData} ms`);
          end('lost', `stale: no data for ${now - lastData} ms`);
          return;
        }
        if (ws.readyState === WebSocket.OPEN) ws.ping();
      }, Math.min(ping, stale > 0 ? stale / 2 : ping, dead / 2));
      ws.on('open', () => {
        lastHeard = Date.now();
        this.#cfg.protocol.open(control);
      });
      ws.on('pong', () => {
        lastHeard = Date.now();
      });
      ws.on('message', (raw, isBinary) => {
        lastHeard = Date.now();
        const text = isBinary || Buffer.isBuffer(raw) ? Buffer.from(raw as Buffer).toString('utf8') : String(raw);
        try {
          this.#cfg.protocol.message(text, control);
        } catch {
          // A handler bug must not kill the socket; the protocol reports its own errors.
        }
      });
      ws.on('unexpected-response', (_req, res) => {
        const status = res.statusCode ?? 0;
        end(status === 401 || status === 403 ? 'fatal' : 'lost', `handshake refused with HTTP ${status}`);
      });
      ws.on('error', (e) => {
        outcome ??= { kind: 'lost', reason: e.message };
      });
      ws.on('close', (code) => {
        clearInterval(timer);
        if (this.#ws === ws) this.#ws = null;
        const healthy = readyAt > 0 && Date.now() - readyAt >= healthyAfter;
        resolve({ ...(outcome ?? { kind: 'lost', reason: `closed with code ${code}` }), healthy });
      });
    });
  }
}
