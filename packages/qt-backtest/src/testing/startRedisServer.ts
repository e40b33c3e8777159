/**
 * A throwaway `redis-server` on a free loopback port, for tests and benchmarks of distributed
 * sweeps: nothing persisted (`--save '' --appendonly no`), stopped by `stop()`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A running server. */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Process id of the server (for CPU accounting in benchmarks). */
  readonly pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s) and resolves when it has exited. */
  stop(): Promise<void>;
}

/** Where `redis-server` is: `$REDIS_SERVER`, `/usr/bin/redis-server`, or on the PATH. */
export function redisServerPath(): string {
  const env = process.env['REDIS_SERVER'];
  if (env !== undefined && env !== '') return env;
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server';
}

/** Whether a redis-server binary can be found. */
export function hasRedisServer(): boolean {
  const p = redisServerPath();
  return p === 'redis-server' ? (process.env['PATH'] ?? '').split(':').some((d) => existsSync(`${d}/redis-server`)) : existsSync(p);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` on 127.0.0.1 at a free port and resolves once it accepts connections.
 *
 * @throws {Error} when the binary is missing or the server does not start within 10 s (its output quoted).
 */
export async function startRedisServer(): Promise<RedisServerHandle> {
  const port = await freePort();
  const child = spawn(redisServerPath(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port} within 10 s: ${output.slice(-500)}`)), 10_000);
    const onData = (b: Buffer): void => {
      output += b.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${redisServerPath()}: ${e.message} (install it: apt-get install redis-server)`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}: ${output.slice(-500)}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
