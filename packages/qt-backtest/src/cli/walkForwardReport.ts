/**
 * The HTML report of `qt-backtest walk-forward`: self-contained (inline SVG and CSS, opens
 * offline), every number out of sample.
 */
import { barChart, escapeHtml, lineChart } from '@qt-backtest/core';
import type { FeatureDrift, WalkForwardResult } from '@qt-backtest/models';

/** What the report shows. */
export interface WalkForwardReportData {
  readonly title: string;
  readonly featureNames: readonly string[];
  readonly result: WalkForwardResult;
  readonly backtest: {
    readonly from: number;
    readonly to: number;
    readonly totalReturn: number;
    readonly annualSharpe: number;
    readonly deflatedSharpe: number;
    readonly trials: number;
    readonly trades: number;
    readonly feeBps: number;
    readonly slippageBps: number;
  };
  readonly equityTime: Float64Array;
  readonly equity: Float64Array;
  readonly drift: readonly FeatureDrift[];
  /** Hyperparameters the search ranged over (shown per window); empty without a search. */
  readonly searched: readonly string[];
}

const f = (x: number, d = 4): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
const day = (t: number): string => (Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : '–');

/** Renders the report. */
export function renderWalkForwardReport(d: WalkForwardReportData): string {
  const wf = d.result;
  const m = wf.metrics;
  const cls = m.classification;
  const reg = m.regression;
  const overall: Array<[string, string]> = [
    ['OOS samples', String(m.count)],
    ['IC (mean cross-sectional Pearson)', f(m.information.ic)],
    ['rank IC (mean cross-sectional Spearman)', f(m.information.rankIc)],
    ['IC information ratio', f(m.information.icIr)],
    ...(cls === undefined
      ? []
      : ([
          ['accuracy', f(cls.accuracy)],
          ['base rate (class 1)', f(cls.baseRate)],
          ['precision', f(cls.precision)],
          ['recall', f(cls.recall)],
          ['AUC', f(cls.auc)],
          ['log-loss', f(cls.logLoss)],
        ] as Array<[string, string]>)),
    ...(reg === undefined ? [] : ([['R²', f(reg.r2)], ['MSE', reg.mse.toExponential(4)]] as Array<[string, string]>)),
    ['feature-importance stability (mean pairwise Spearman)', f(wf.importanceStability)],
    ['configurations tried (all windows)', String(wf.configurationsTried)],
    ['distinct configurations', String(wf.distinctConfigurations)],
  ];
  const windowRows = wf.windows
    .map((w, k) => {
      const c = w.metrics.classification;
      const r = w.metrics.regression;
      return `<tr><td>${k + 1}</td><td>${day(w.train.from)} → ${day(w.train.to)} (${w.train.rows})</td><td>${day(w.test.from)} → ${day(w.test.to)} (${w.test.rows})</td><td>${escapeHtml(d.searched.length === 0 ? 'fixed' : d.searched.map((k) => `${k}=${JSON.stringify(w.hyperparameters[k])}`).join(', '))}</td><td>${f(w.innerCvLoss)}</td><td>${f(w.metrics.information.ic)}</td><td>${f(w.metrics.information.rankIc)}</td><td>${c === undefined ? f(r?.r2 ?? NaN) : f(c.accuracy)}</td><td>${c === undefined ? (r?.mse ?? NaN).toExponential(3) : f(c.auc)}</td></tr>`;
    })
    .join('');
  const importances = d.featureNames.map((_, j) => {
    const vals = wf.windows.map((w) => w.featureImportances?.[j] ?? NaN).filter(Number.isFinite);
    return vals.length === 0 ? 0 : vals.reduce((a, b) => a + b, 0) / vals.length;
  });
  const calibrationRows = wf.calibration.map((b) => `<tr><td>${f(b.lower, 1)}–${f(b.upper, 1)}</td><td>${b.count}</td><td>${f(b.meanPredicted)}</td><td>${f(b.observedRate)}</td></tr>`).join('');
  const driftRows = d.drift.map((x) => `<tr><td>${escapeHtml(x.feature)}</td><td>${f(x.psi)}</td><td>${f(x.ks)}</td></tr>`).join('');
  const bt = d.backtest;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2433;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #dde;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dde;padding:4px 8px;text-align:right;white-space:nowrap}th{background:#f3f5f9}
td:first-child,th:first-child{text-align:left}.note{color:#5a6478;font-size:13px}
</style></head><body>
<h1>${escapeHtml(d.title)}</h1>
<p class="note">Every number below is out of sample: each window's model was fitted (hyperparameters chosen by purged k-fold CV inside its training window) before the window it predicts; training labels that close after a test window starts were purged.</p>
<h2>Out-of-sample metrics (all windows stitched)</h2>
<table>${overall.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${v}</td></tr>`).join('')}</table>
<h2>Per window</h2>
<table><tr><th>#</th><th>train (rows)</th><th>test (rows)</th><th>hyperparameters</th><th>inner CV loss</th><th>IC</th><th>rank IC</th><th>${wf.classifier ? 'accuracy' : 'R²'}</th><th>${wf.classifier ? 'AUC' : 'MSE'}</th></tr>${windowRows}</table>
<h2>Feature importance (mean over windows)</h2>
${barChart({ labels: d.featureNames, values: Float64Array.from(importances), title: 'gain importance', format: (v) => v.toFixed(3) })}
${wf.classifier ? `<h2>Calibration (OOS reliability)</h2><table><tr><th>predicted</th><th>count</th><th>mean predicted</th><th>observed rate</th></tr>${calibrationRows}</table>` : ''}
<h2>Backtest of the prediction alpha (with costs)</h2>
<p class="note">PredictionAlpha → quantile portfolio, rebalanced every label horizon, fills at the next open; fees ${bt.feeBps} bps, slippage ${bt.slippageBps} bps; out-of-sample span ${day(bt.from)} → ${day(bt.to)}.</p>
<table><tr><td>total return</td><td>${f(bt.totalReturn)}</td></tr><tr><td>Sharpe (annualised)</td><td>${f(bt.annualSharpe)}</td></tr><tr><td>deflated Sharpe (probability; ${bt.trials} trials)</td><td>${f(bt.deflatedSharpe)}</td></tr><tr><td>trades</td><td>${bt.trades}</td></tr></table>
${d.equity.length > 1 ? lineChart({ x: d.equityTime, series: [{ name: 'equity', values: d.equity, color: '#2563eb' }], title: 'OOS equity', timeAxis: true, yFormat: (y) => (Math.abs(y) >= 1e6 ? `${(y / 1e6).toFixed(2)}M` : Math.abs(y) >= 1e3 ? `${(y / 1e3).toFixed(1)}k` : y.toFixed(0)) }) : ''}
<h2>Feature drift (last training window → last test window)</h2>
<table><tr><th>feature</th><th>PSI</th><th>KS</th></tr>${driftRows}</table>
</body></html>
`;
}
