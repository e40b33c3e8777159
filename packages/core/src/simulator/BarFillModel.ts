/**
 * The default fill model: DESIGN.md §5's bar rules (see `orders/fillRules.ts`).
 */
import {
  buyLimitPrice,
  buyStopPrice,
  IntrabarPath,
  sellLimitPrice,
  sellStopPrice,
  stopLimitPrice,
  trailingStopPrice,
} from '../orders/fillRules.js';
import { InvariantError } from '../errors.js';
import type { FillDecision, FillModel, FillParams } from './FillModel.js';

const PATHS = new Set<string>(Object.values(IntrabarPath));

/**
 * Market orders at the open; limits at the open or better, else at the limit if the range reaches
 * it; stops at the open when it gaps through, else at the stop; stop-limits and trailing stops
 * along the assumed intrabar path; `opg` orders only at the open.
 *
 * @example
 * backtest({ data, strategy, fillModel: new BarFillModel({ intrabarPath: 'ohlc' }) });
 */
export class BarFillModel implements FillModel {
  readonly name: string;
  readonly intrabarPath: IntrabarPath;

  /** @throws {InvariantError} for an unknown path. */
  constructor(options: { readonly intrabarPath?: IntrabarPath } = {}) {
    const path = options.intrabarPath ?? 'adaptive';
    if (!PATHS.has(path)) throw new InvariantError(`intrabarPath must be one of ${[...PATHS].join(', ')}, got "${String(path)}"`);
    this.intrabarPath = path;
    this.name = `BarFillModel(${path})`;
  }

  fill(p: FillParams): FillDecision {
    const { bar, triggered, best } = p;
    const buy = p.side === 'buy';
    let price: number;
    if (p.timeInForce === 'opg') {
      // At the opening auction only: a market order gets the open, a limit the open if allowed.
      price =
        p.type === 'market' || (p.type === 'limit' && (buy ? bar.open <= p.limitPrice! : bar.open >= p.limitPrice!))
          ? bar.open
          : Number.NaN;
      return { price, triggered, best };
    }
    switch (p.type) {
      case 'market':
        return { price: bar.open, triggered, best };
      case 'limit':
        return { price: buy ? buyLimitPrice(bar, p.limitPrice!) : sellLimitPrice(bar, p.limitPrice!), triggered, best };
      case 'stop':
        return { price: buy ? buyStopPrice(bar, p.stopPrice!) : sellStopPrice(bar, p.stopPrice!), triggered, best };
      case 'stop_limit': {
        const r = stopLimitPrice(bar, p.side, p.stopPrice!, p.limitPrice!, triggered, this.intrabarPath);
        return { price: r.price, triggered: r.triggered, best };
      }
      case 'trailing_stop': {
        const r = trailingStopPrice(bar, p.side, best, p.trailAmount, p.trailPercent, this.intrabarPath);
        return { price: r.price, triggered, best: r.best };
      }
    }
  }
}
