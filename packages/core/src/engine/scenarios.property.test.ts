/**
 * The engine over 10,000 generated scenarios (`backtestScenarioArb`: gaps, late starts, delistings,
 * panels, every order type, OCO pairs, brackets with partial fills, fill-time sizing, cancellations
 * during liquidations), in five chunks. Each run is checked against an independent FIFO ledger in
 * exact decimal arithmetic: cash, positions, realised P&L and both equity identities hold exactly.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest } from '../backtest/backtest.js';
import type { BacktestResult } from '../backtest/BacktestResult.js';
import { alignBars } from '../data/BarPanel.js';
import { createBarSeries, type BarSeries } from '../data/BarSeries.js';
import { FixedBpsSlippage } from '../simulator/FixedBpsSlippage.js';
import { FixedRateBorrow } from '../simulator/FixedRateBorrow.js';
import { FixedRateInterest } from '../simulator/FixedRateInterest.js';
import { FractionMargin } from '../simulator/FractionMargin.js';
import { PerShareFee } from '../simulator/PerShareFee.js';
import { backtestScenarioArb, type BacktestScenario, type ScenarioAction } from '../testing/arbitraries.js';
import { DAY_MS, dayOfIsoDate } from '../time/civil.js';
import type { BacktestConfig } from './BacktestConfig.js';
import { Strategy } from './Strategy.js';
import type { StrategyContext } from './StrategyContext.js';

const D = Decimal.clone({ precision: 100 });
const FIRST_DAY = dayOfIsoDate('2024-01-01'); // a Monday

/** Day index → epoch ms, weekdays only. */
function timeOf(d: number): number {
  return (FIRST_DAY + Math.floor(d / 5) * 7 + (d % 5)) * DAY_MS;
}

const name = (k: number): string => `S${k}`;

class ScriptTrader extends Strategy<{ script: readonly (readonly ScenarioAction[])[]; days: readonly number[] }> {
  override onBar(ctx: StrategyContext): void {
    const day = this.params.days[ctx.index]!;
    for (const a of this.params.script[day] ?? []) this.#act(ctx, a);
  }

  #act(ctx: StrategyContext, a: ScenarioAction): void {
    if (a.kind === 'cancelAll') {
      ctx.cancelAll();
      return;
    }
    if (a.kind === 'cancelOne') {
      const open = ctx.openOrders();
      if (open.length > 0) ctx.cancel(open[a.pick % open.length]!.id);
      return;
    }
    const symbol = name(a.symbol);
    if (!ctx.symbols.includes(symbol)) return;
    const price = ctx.price(symbol);
    const at = (x: number): number => Math.max(0.01, Math.round(price * x * 100) / 100);
    switch (a.kind) {
      case 'close':
        ctx.closePosition(symbol);
        return;
      case 'target':
        ctx.orderTargetPercent(symbol, a.fraction, a.atFill ? { at: 'fill' } : {});
        return;
      case 'notional':
        (a.side === 'buy' ? ctx.buyNotional : ctx.sellNotional)(symbol, a.dollars);
        return;
    }
    if (Number.isNaN(price)) return;
    if (a.kind === 'order') {
      const level = at(a.around);
      ctx.order({
        symbol,
        side: a.side,
        quantity: a.quantity,
        type: a.type,
        timeInForce: a.timeInForce,
        ...(a.type === 'limit' || a.type === 'stop_limit' ? { limitPrice: level } : {}),
        ...(a.type === 'stop' || a.type === 'stop_limit' ? { stopPrice: level } : {}),
        ...(a.type === 'trailing_stop' ? { trailAmount: Math.max(0.01, Math.abs(price - level)) } : {}),
      });
    } else if (a.kind === 'oco') {
      // A limit on one side of the market and a stop on the other (an exit pair).
      const limitPrice = a.side === 'sell' ? at(a.high) : at(a.low);
      const stopPrice = a.side === 'sell' ? at(a.low) : at(a.high);
      ctx.oco({ symbol, side: a.side, quantity: a.quantity, type: 'limit', limitPrice }, { symbol, side: a.side, quantity: a.quantity, type: 'stop', stopPrice });
    } else {
      const up = a.side === 'buy';
      const take = at(up ? a.take : 2 - a.take);
      const stop = at(up ? a.stop : 2 - a.stop);
      ctx.bracket({
        symbol,
        side: a.side,
        quantity: a.quantity,
        ...(a.limitEntry ? { entry: { type: 'limit', limitPrice: price } } : {}),
        takeProfit: take,
        stopLoss: stop,
        ...(a.stopLimit ? { stopLimit: at(up ? a.stop * 0.99 : 2 - a.stop * 0.99) } : {}),
      });
    }
  }
}

/** Series built for a scenario's run, reused by its check. */
const seriesCache = new WeakMap<BacktestScenario, BarSeries[]>();

function seriesOf(s: BacktestScenario): BarSeries[] {
  const cached = seriesCache.get(s);
  if (cached !== undefined) return cached;
  const built = s.bars.map((bars, k) => {
    const col = (j: number): Float64Array => Float64Array.from(bars, (b) => b[j] as number);
    return createBarSeries({
      symbol: name(k),
      time: Float64Array.from(bars, (b) => timeOf(b[0])),
      open: col(1),
      high: col(2),
      low: col(3),
      close: col(4),
      volume: col(5),
      fields: ['open', 'high', 'low', 'close', 'volume'],
      frequency: 'daily',
      adjustment: 'adjusted',
      source: 'scenario',
    });
  });
  seriesCache.set(s, built);
  return built;
}

function configOf(s: BacktestScenario, asPanel = s.asPanel): BacktestConfig {
  const series = seriesOf(s);
  const panel = alignBars(series);
  const days = Array.from(panel.time, (t) => {
    const w = Math.round(t / DAY_MS) - FIRST_DAY;
    return Math.floor(w / 7) * 5 + (w % 7);
  });
  return {
    data: asPanel ? panel : series,
    strategy: new ScriptTrader({ script: s.script, days }),
    cash: 10_000,
    ocoPriority: s.ocoPriority,
    ...(s.margin === 'regT' ? { margin: new FractionMargin({ initial: 0.5, maintenance: 0.3 }) } : s.margin === 'full' ? { margin: new FractionMargin({ initial: 1, maintenance: 0.25 }) } : {}),
    ...(s.volumeLimit === undefined ? {} : { volumeLimit: s.volumeLimit }),
    ...(s.costs ? { fees: new PerShareFee({ perShare: 0.005, minimum: 1 }), slippage: new FixedBpsSlippage(5) } : {}),
    ...(s.financing ? { borrow: new FixedRateBorrow({ annualRate: 0.05 }), interest: new FixedRateInterest({ cashRate: 0.02, marginRate: 0.08 }) } : {}),
  };
}

/** An independent FIFO ledger over the result's fills, in exact decimals. */
function reference(result: BacktestResult) {
  let cash = new D(result.initialCash);
  let fees = new D(0);
  let realised = new D(0);
  const lots = new Map<string, { q: Decimal; p: Decimal }[]>();
  const qty = new Map<string, Decimal>();
  for (const f of result.fills) {
    const q = new D(f.quantity);
    const p = new D(f.price);
    const fee = new D(f.fee);
    const sign = f.side === 'buy' ? 1 : -1;
    cash = cash.minus(q.times(p).times(sign)).minus(fee);
    fees = fees.plus(fee);
    const held = qty.get(f.symbol) ?? new D(0);
    const queue = lots.get(f.symbol) ?? [];
    let left = q;
    // Close opposite lots first (FIFO).
    while (!left.isZero() && queue.length > 0 && held.isNegative() === (sign > 0) && !held.isZero()) {
      const lot = queue[0]!;
      const take = Decimal.min(lot.q, left);
      realised = realised.plus(sign > 0 ? lot.p.minus(p).times(take) : p.minus(lot.p).times(take));
      lot.q = lot.q.minus(take);
      left = left.minus(take);
      if (lot.q.isZero()) queue.shift();
    }
    if (!left.isZero()) queue.push({ q: left, p });
    lots.set(f.symbol, queue);
    qty.set(f.symbol, held.plus(q.times(sign)));
  }
  return { cash, fees, realised, qty, lots };
}

function check(s: BacktestScenario, result: BacktestResult): void {
  const series = seriesCache.get(s) ?? seriesOf(s);
  const bySymbol = new Map(series.map((x) => [x.symbol, x]));
  const orders = new Map(result.orders.map((o) => [o.id, o]));
  for (const f of result.fills) {
    const o = orders.get(f.orderId)!;
    const x = bySymbol.get(f.symbol)!;
    const k = x.time.indexOf(f.time);
    if (o.tag === 'delisted') {
      expect(f.time, 'a delisting fill comes after the last bar').toBeGreaterThan(x.time[x.length - 1]!);
      expect(f.price).toBe(x.close[x.length - 1]);
      continue;
    }
    expect(f.time, 'fills come after the bar that produced the order').toBeGreaterThan(o.submittedAt);
    expect(k, 'fills happen on bars of their symbol').toBeGreaterThanOrEqual(0);
    const rule = f.side === 'buy' ? f.price - f.slippage : f.price + f.slippage;
    expect(rule).toBeGreaterThanOrEqual(x.low[k]! - 1e-9);
    expect(rule).toBeLessThanOrEqual(x.high[k]! + 1e-9);
  }
  const ref = reference(result);
  const last = result.time.length - 1;
  let marked = new D(result.exact.finalCash);
  let unrealised = new D(0);
  for (const symbol of result.symbols) {
    const q = ref.qty.get(symbol) ?? new D(0);
    expect(result.positions.get(symbol)![last], `${symbol}: position = Σ signed fills`).toBe(q.toNumber());
    if (q.isZero()) continue;
    const x = bySymbol.get(symbol)!;
    const close = new D(x.close[x.length - 1]!);
    marked = marked.plus(q.times(close));
    for (const lot of ref.lots.get(symbol)!) unrealised = unrealised.plus(close.minus(lot.p).times(lot.q).times(q.isNegative() ? -1 : 1));
  }
  // Identity 1, exact: equity = cash + Σ quantity × last close.
  expect(new D(result.exact.finalEquity).eq(marked), `equity ${result.exact.finalEquity} = cash + positions ${marked.toString()}`).toBe(true);
  const financing = new D(result.totals.interest).minus(result.totals.borrow);
  if (!s.financing) {
    // Cash and identity 2, exact: equity = initial + realised + unrealised − fees.
    expect(new D(result.exact.finalCash).eq(ref.cash), `cash ${result.exact.finalCash} vs reference ${ref.cash.toString()}`).toBe(true);
    const identity = new D(result.initialCash).plus(ref.realised).plus(unrealised).minus(ref.fees);
    expect(new D(result.exact.finalEquity).eq(identity), `equity ${result.exact.finalEquity} = initial + realised + unrealised − fees ${identity.toString()}`).toBe(true);
  } else {
    expect(new D(result.exact.finalCash).minus(ref.cash).minus(financing).abs().toNumber()).toBeLessThan(1e-6);
  }
  const grossSum = result.trades.reduce((a, t) => a.plus(t.grossPnl), new D(0));
  expect(grossSum.minus(ref.realised).abs().toNumber(), 'Σ trade gross P&L = realised').toBeLessThan(1e-6);
  expect(Math.abs(result.totals.realisedPnl - ref.realised.toNumber())).toBeLessThan(1e-6);
  // Contingencies: one leg of an OCO pair trades at most, likewise one exit of a bracket, and the
  // exits never sell more than the entry bought.
  const groups = new Map<string, (typeof result.orders)[number][]>();
  for (const o of result.orders) if (o.groupId !== undefined) groups.set(o.groupId, [...(groups.get(o.groupId) ?? []), o]);
  for (const legs of groups.values()) {
    const entry = legs.find((o) => o.parentId === undefined && legs.some((c) => c.parentId === o.id));
    const pair = entry === undefined ? legs : legs.filter((o) => o !== entry);
    expect(pair.filter((o) => o.filledQuantity > 0).length, 'at most one leg trades').toBeLessThanOrEqual(1);
    if (entry !== undefined) for (const exit of pair) expect(exit.filledQuantity).toBeLessThanOrEqual(entry.filledQuantity);
  }
  for (const o of result.orders) {
    if (o.tag === 'margin_call' || o.tag === 'ruin' || o.tag === 'delisted') expect(o.cancelReason, 'liquidations are never cancelled by the strategy').not.toBe('requested');
  }
  for (const d of result.delistings) {
    const k = result.time.indexOf(d.time);
    expect(result.positions.get(d.symbol)![k], `${d.symbol} is flat from its delisting on`).toBe(0);
  }
  if (result.ruin !== null) {
    for (const o of result.orders) if (o.submittedAt > result.ruin.time) expect(o.tag === 'ruin' || o.tag === 'delisted' || o.status === 'rejected', `${o.id} (${o.tag}) after the ruin`).toBe(true);
  }
}

const CHUNKS = 5;
const PER_CHUNK = Number(process.env["QT_SCENARIOS"] ?? 2_000);

describe('the engine over 10,000 generated scenarios (property)', () => {
  for (let c = 0; c < CHUNKS; c++) {
    it(`chunk ${c + 1}/${CHUNKS}: ${PER_CHUNK} scenarios keep the ledger identities exact and contingencies consistent`, () => {
      fc.assert(
        fc.property(backtestScenarioArb, (s) => check(s, backtest(configOf(s)))),
        { numRuns: PER_CHUNK, seed: 1_000 + c },
      );
    });
  }

  it('the scenarios exercise what they claim: gaps, delistings, panels, OCO and bracket fills, partial fills, margin calls', () => {
    const seen = { panels: 0, gaps: 0, delistings: 0, ocoFills: 0, bracketExits: 0, partial: 0, marginCalls: 0, targetsAtFill: 0, cancelledDuringLiquidation: 0 };
    for (const s of fc.sample(backtestScenarioArb, { numRuns: 1_000, seed: 7 })) {
      const r = backtest(configOf(s));
      if (s.asPanel) seen.panels++;
      if (s.bars.some((b) => b.length > 0 && b[b.length - 1]![0] - b[0]![0] + 1 > b.length)) seen.gaps++;
      seen.delistings += r.delistings.length;
      seen.ocoFills += r.orders.filter((o) => o.groupId !== undefined && o.parentId === undefined && o.filledQuantity > 0).length;
      seen.bracketExits += r.orders.filter((o) => o.parentId !== undefined && o.filledQuantity > 0).length;
      seen.partial += r.orders.filter((o) => o.filledQuantity > 0 && o.filledQuantity < o.quantity).length;
      seen.marginCalls += r.marginCalls.length;
      seen.targetsAtFill += r.orders.filter((o) => o.targetPercent !== undefined && o.filledQuantity > 0).length;
      // A cancel action on a bar after a margin call, while its liquidation may still be working.
      const called = r.marginCalls[0]?.time;
      if (called !== undefined && r.time.some((t, k) => t > called && (s.script[k] ?? []).some((x) => x.kind === 'cancelAll' || x.kind === 'cancelOne'))) seen.cancelledDuringLiquidation++;
    }
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(5);
  });

  it('gives identical results from series and from the equivalent panel', () => {
    fc.assert(
      fc.property(backtestScenarioArb, (s) => {
        const strip = ({ wallTimeMs: _w, metrics: _m, toJSON: _j, toArrow: _a, writeReport: _r, diagnostics: _d, ...rest }: BacktestResult) => rest;
        expect(strip(backtest(configOf(s, true)))).toEqual(strip(backtest(configOf(s, false))));
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});
