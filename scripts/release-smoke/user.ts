// A user's file, type-checked strictly by the release smoke test (scripts/release-smoke.mjs)
// against the packed tarballs installed with plain `npm install`: the public types must resolve
// and be usable without the repository's tsconfig.
import {
  backtest,
  isoDate,
  loadBars,
  PerShareFee,
  FixedBpsSlippage,
  Strategy,
  type BacktestResult,
  type ResultMetrics,
  type StrategyContext,
  type Trade,
} from 'qt-backtest';

export class BuyTheDip extends Strategy<{ readonly symbol: string; readonly dip: number }> {
  override onBar(ctx: StrategyContext): void {
    const { symbol, dip } = this.params;
    const closes = ctx.history(symbol, 'close', 2);
    if (closes.length < 2) return;
    const change = closes.at(1) / closes.at(0) - 1;
    const held = ctx.position(symbol).quantity;
    if (held === 0 && change < -dip) ctx.orderTargetPercent(symbol, 0.95);
    else if (held > 0 && change > dip) ctx.closePosition(symbol);
  }
}

export async function study(file: string): Promise<{ result: BacktestResult; metrics: ResultMetrics; firstTrade: string }> {
  const data = await loadBars(file, { symbol: 'MKT' });
  const result = backtest({
    data,
    strategy: new BuyTheDip({ symbol: 'MKT', dip: 0.01 }),
    cash: 100_000,
    fees: new PerShareFee({ perShare: 0.005, minimum: 1 }),
    slippage: new FixedBpsSlippage(5),
  });
  const first: Trade | undefined = result.trades[0];
  const firstTrade = first === undefined ? 'no trades' : `${first.symbol} ${isoDate(first.entryTime)} → ${isoDate(first.exitTime)}, fees ${first.fees}`;
  return { result, metrics: result.metrics(), firstTrade };
}
