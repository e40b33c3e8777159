import { targetQuantity, targetWeight, type MarketView, type PortfolioView } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { LimitsRiskModel } from './LimitsRiskModel.js';

function views(equity: number, held: Record<string, number> = {}, prices: Record<string, number> = {}): { market: MarketView; portfolio: PortfolioView } {
  const symbols = ['A', 'B', 'C', 'D'];
  const market = { symbols, price: (s: string) => prices[s] ?? 100 } as unknown as MarketView;
  const portfolio = { equity, position: (s: string) => ({ quantity: held[s] ?? 0 }) } as unknown as PortfolioView;
  return { market, portfolio };
}

describe('LimitsRiskModel', () => {
  it('caps each weight, then the sector, then gross leverage', () => {
    const m = new LimitsRiskModel({ maxWeight: 0.3, sectorOf: { A: 'Tech', B: 'Tech' }, sectorCaps: { Tech: 0.4 }, maxLeverage: 0.8 });
    const out = m.manageRisk({ targets: [targetWeight('A', 0.5), targetWeight('B', 0.3), targetWeight('C', 0.3)], ...views(1e6) });
    // A → 0.3; Tech = 0.6 > 0.4 → A, B × 2/3 = 0.2, 0.2; gross 0.7 ≤ 0.8
    expect(out.map((t) => [t.symbol, t.value])).toEqual([
      ['A', 0.2],
      ['B', 0.2],
      ['C', 0.3],
    ]);
    const lev = new LimitsRiskModel({ maxLeverage: 1 }).manageRisk({ targets: [targetWeight('A', 0.8), targetWeight('B', -0.7)], ...views(1e6) });
    expect(lev[0]!.value).toBeCloseTo(0.8 / 1.5, 15);
    expect(lev[1]!.value).toBeCloseTo(-0.7 / 1.5, 15);
  });
  it('quantity targets are capped through price and equity', () => {
    const out = new LimitsRiskModel({ maxWeight: 0.1 }).manageRisk({ targets: [targetQuantity('A', 5_000)], ...views(1e6, {}, { A: 50 }) });
    // 5,000 × 50 = 25 % → 10 % = 2,000 shares
    expect(out[0]).toEqual(targetQuantity('A', 2_000));
  });
  it('a drawdown beyond the limit zeroes every target and every held symbol, and stays halted', () => {
    const m = new LimitsRiskModel({ maxDrawdown: 0.2 });
    m.manageRisk({ targets: [targetWeight('A', 0.5)], ...views(1e6) });
    expect(m.halted).toBe(false);
    const out = m.manageRisk({ targets: [targetWeight('A', 0.5)], ...views(790_000, { D: 10 }) });
    expect(m.halted).toBe(true);
    expect(out).toEqual([targetWeight('A', 0), targetWeight('D', 0)]);
    // Equity recovers; still halted until reset.
    expect(m.manageRisk({ targets: [targetWeight('B', 0.5)], ...views(2e6) })).toEqual([targetWeight('B', 0)]);
    m.reset();
    expect(m.manageRisk({ targets: [targetWeight('B', 0.5)], ...views(2e6) })).toEqual([targetWeight('B', 0.5)]);
  });
});
