/**
 * The limits as a `RiskManagementModel` for the algorithm framework: the book from portfolio
 * construction is cut to the per-symbol weight cap, sector caps, leverage and net exposure, and a
 * drawdown from peak equity beyond `maxDrawdown` turns every target — including every symbol still
 * held — into zero and keeps it there (halted) until {@link LimitsRiskModel.reset}.
 */
import type { PortfolioTarget, RiskManagementModel, RiskManagementParams } from '@qt-backtest/core';
import { targetQuantity, targetWeight } from '@qt-backtest/core';
import { validateLimits, type RiskLimits } from './RiskLimits.js';

/** The limits a target book can express (order-level limits belong to {@link RiskGuard}). */
export type BookLimits = Pick<RiskLimits, 'maxWeight' | 'sectorOf' | 'sectorCaps' | 'maxLeverage' | 'maxNetExposure' | 'maxDrawdown'>;

export class LimitsRiskModel implements RiskManagementModel {
  readonly name: string;
  readonly #limits: BookLimits;
  #peak = -Infinity;
  #halted = false;

  constructor(limits: BookLimits) {
    validateLimits(limits);
    this.#limits = limits;
    this.name = `LimitsRiskModel(${Object.entries(limits)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ') || 'no limits'})`;
  }

  /** Whether the drawdown limit has halted the book. */
  get halted(): boolean {
    return this.#halted;
  }

  /** Lifts the halt; the peak restarts. */
  reset(): void {
    this.#halted = false;
    this.#peak = -Infinity;
  }

  manageRisk({ targets, market, portfolio }: RiskManagementParams): readonly PortfolioTarget[] {
    const equity = portfolio.equity;
    if (equity > this.#peak) this.#peak = equity;
    const L = this.#limits;
    if (!this.#halted && L.maxDrawdown !== undefined && this.#peak > 0 && 1 - equity / this.#peak >= L.maxDrawdown) this.#halted = true;
    if (this.#halted) {
      const syms = new Set(targets.map((t) => t.symbol));
      for (const s of market.symbols) if (portfolio.position(s).quantity !== 0) syms.add(s);
      return [...syms].map((s) => targetWeight(s, 0));
    }
    // Work in weights; remember each target's unit and the quantity → weight factor.
    const w = new Map<string, number>();
    const factor = new Map<string, number>();
    for (const t of targets) {
      if (t.unit === 'weight') {
        w.set(t.symbol, t.value);
        factor.set(t.symbol, 1);
      } else {
        const price = market.price(t.symbol);
        const f = equity > 0 && price > 0 ? price / equity : Number.NaN;
        factor.set(t.symbol, f);
        w.set(t.symbol, Number.isFinite(f) ? t.value * f : 0);
      }
    }
    if (L.maxWeight !== undefined) for (const [s, v] of w) w.set(s, Math.sign(v) * Math.min(Math.abs(v), L.maxWeight));
    if (L.sectorCaps !== undefined && L.sectorOf !== undefined) {
      for (const [sector, cap] of Object.entries(L.sectorCaps)) {
        let g = 0;
        for (const [s, v] of w) if (L.sectorOf[s] === sector) g += Math.abs(v);
        if (g > cap) for (const [s, v] of w) if (L.sectorOf[s] === sector) w.set(s, (v * cap) / g);
      }
    }
    let gross = 0;
    let net = 0;
    for (const v of w.values()) {
      gross += Math.abs(v);
      net += v;
    }
    let scale = 1;
    if (L.maxLeverage !== undefined && gross > L.maxLeverage) scale = Math.min(scale, L.maxLeverage / gross);
    if (L.maxNetExposure !== undefined && Math.abs(net) > L.maxNetExposure) scale = Math.min(scale, L.maxNetExposure / Math.abs(net));
    return targets.map((t) => {
      const v = w.get(t.symbol)! * scale;
      if (t.unit === 'weight') return targetWeight(t.symbol, v);
      const f = factor.get(t.symbol)!;
      return targetQuantity(t.symbol, Number.isFinite(f) ? Math.trunc(v / f) : 0);
    });
  }
}
