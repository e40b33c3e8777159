/**
 * The market-data stream protocol (§4.3): `success connected` → auth → `authenticated` →
 * subscribe bars → `subscription` (ready). Errors 402/409/410/411 are fatal, 406 (connection limit)
 * waits for the stale session to be reaped, others reconnect.
 */
import type { LiveBar } from '@qt-backtest/core';
import type { AlpacaCredentials } from '../client/AlpacaCredentials.js';
import { decodeBar } from '../client/decode.js';
import type { SocketProtocol } from './ReconnectingSocket.js';

const FATAL = new Set([402, 408, 409, 410, 411]);

/** Builds the protocol for minute bars (`daily` for `dailyBars`) of `symbols`. */
export function barStreamProtocol(
  credentials: AlpacaCredentials,
  symbols: readonly string[],
  daily: boolean,
  onBar: (bar: LiveBar) => void,
  onBadMessage: (reason: string) => void = () => {},
): SocketProtocol {
  const channel = daily ? 'dailyBars' : 'bars';
  const type = daily ? 'd' : 'b';
  return {
    open() {},
    message(text, control) {
      let list: unknown;
      try {
        list = JSON.parse(text);
      } catch {
        onBadMessage(`not JSON: ${text.slice(0, 60)}`);
        return;
      }
      if (!Array.isArray(list)) return;
      for (const m of list as Record<string, unknown>[]) {
        const T = m['T'];
        if (T === 'success' && m['msg'] === 'connected') control.send(credentials.dataStreamAuth());
        else if (T === 'success' && m['msg'] === 'authenticated') control.send(JSON.stringify({ action: 'subscribe', [channel]: symbols }));
        else if (T === 'subscription') control.ready();
        else if (T === 'error') {
          const code = Number(m['code']);
          const reason = `data stream error ${code}: ${String(m['msg'])}`;
          if (code === 406) control.connectionLimited(reason);
          else if (FATAL.has(code)) control.fatal(reason);
          else if (code !== 403) onBadMessage(reason);
        } else if (T === type) {
          control.activity();
          try {
            onBar(decodeBar(m, undefined, daily));
          } catch (e) {
            onBadMessage((e as Error).message);
          }
        }
      }
    },
  };
}
