/**
 * The `trade_updates` stream protocol (§4.1): authenticate, then listen, then JSON (often binary)
 * frames `{stream, data}`. Unknown streams and tiny non-JSON heartbeat frames are ignored.
 */
import type { BrokerOrderUpdate } from '@qt-backtest/core';
import type { AlpacaCredentials } from '../client/AlpacaCredentials.js';
import { decodeTradeUpdate } from '../client/decode.js';
import type { SocketProtocol } from './ReconnectingSocket.js';

/** Builds the protocol; `onUpdate` gets each decoded update, `onBadMessage` anything undecodable. */
export function tradeUpdatesProtocol(
  credentials: AlpacaCredentials,
  onUpdate: (u: BrokerOrderUpdate) => void,
  onBadMessage: (reason: string) => void = () => {},
): SocketProtocol {
  return {
    open(control) {
      control.send(credentials.tradeStreamAuth());
    },
    message(text, control) {
      let m: { stream?: unknown; data?: Record<string, unknown> };
      try {
        m = JSON.parse(text) as typeof m;
      } catch {
        if (text.length > 4) onBadMessage(`not JSON: ${text.slice(0, 60)}`);
        return;
      }
      if (m.stream === 'authorization') {
        if (m.data?.['status'] === 'authorized') control.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
        else control.fatal(`trade stream authorization failed: ${String(m.data?.['message'] ?? 'unauthorized')}`);
      } else if (m.stream === 'listening') {
        const streams = m.data?.['streams'];
        if (Array.isArray(streams) && streams.includes('trade_updates')) control.ready();
      } else if (m.stream === 'trade_updates') {
        control.activity();
        try {
          onUpdate(decodeTradeUpdate(m.data));
        } catch (e) {
          onBadMessage((e as Error).message);
        }
      }
    },
  };
}
