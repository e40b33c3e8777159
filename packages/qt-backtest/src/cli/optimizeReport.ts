/**
 * The self-contained HTML report of `qt-backtest optimize`: weights, risk contributions, the
 * efficient frontier with the chosen portfolio, and the correlation matrix in clustering order.
 * Inline SVG and CSS only — it opens offline.
 */
import type { OptimizeOutput } from './optimizeOutput.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number, d = 2): string => (Number.isFinite(x) ? `${(Math.abs(x) < 5e-13 ? 0 : x * 100).toFixed(d)}%` : 'n/a');

function bars(title: string, entries: readonly (readonly [string, number])[], color: string): string {
  const rowH = 18;
  const labelW = 70;
  const width = 460;
  const max = Math.max(1e-12, ...entries.map(([, v]) => Math.abs(v)));
  const hasNeg = entries.some(([, v]) => v < -1e-9);
  const zero = labelW + (hasNeg ? (width - labelW) / 2 : 0);
  const scale = (hasNeg ? (width - labelW) / 2 - 60 : width - labelW - 60) / max;
  const rows = entries
    .map(([k, v], i) => {
      const y = i * rowH + 4;
      const w = Math.abs(v) * scale;
      const x = v >= 0 || !hasNeg ? zero : zero - w;
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${esc(k)}</text><rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 5}" fill="${color}"/><text x="${(v >= 0 ? x + w + 4 : x - 4).toFixed(1)}" y="${y + 12}" text-anchor="${v >= 0 ? 'start' : 'end'}" class="v">${pct(v)}</text>`;
    })
    .join('');
  return `<section><h2>${esc(title)}</h2><svg width="${width}" height="${entries.length * rowH + 8}" role="img" aria-label="${esc(title)}">${rows}</svg></section>`;
}

function frontierChart(out: OptimizeOutput): string {
  const W = 520;
  const H = 340;
  const m = { l: 56, r: 16, t: 12, b: 40 };
  const assets = out.covariance.symbols.map((s, i) => ({ s, vol: Math.sqrt(out.covariance.matrix[i]![i]!), ret: out.expectedReturns[s]! }));
  const pts = [...out.frontier.map((p) => [p.volatility, p.expectedReturn]), ...assets.map((a) => [a.vol, a.ret]), [out.performance.volatility, out.performance.expectedReturn]];
  const xs = pts.map((p) => p[0]!).filter(Number.isFinite);
  const ys = pts.map((p) => p[1]!).filter(Number.isFinite);
  const x0 = 0;
  const x1 = Math.max(...xs) * 1.08;
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(...ys) * 1.08;
  const X = (v: number): number => m.l + ((v - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const Y = (v: number): number => H - m.b - ((v - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  const ticks = (lo: number, hi: number, n: number): number[] => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
  const grid =
    ticks(x0, x1, 5).map((v) => `<line x1="${X(v)}" x2="${X(v)}" y1="${m.t}" y2="${H - m.b}" class="g"/><text x="${X(v)}" y="${H - m.b + 16}" text-anchor="middle">${pct(v, 0)}</text>`).join('') +
    ticks(y0, y1, 5).map((v) => `<line x1="${m.l}" x2="${W - m.r}" y1="${Y(v)}" y2="${Y(v)}" class="g"/><text x="${m.l - 6}" y="${Y(v) + 4}" text-anchor="end">${pct(v, 0)}</text>`).join('');
  const line = out.frontier.length > 1 ? `<polyline fill="none" stroke="#2563eb" stroke-width="2" points="${out.frontier.map((p) => `${X(p.volatility).toFixed(1)},${Y(p.expectedReturn).toFixed(1)}`).join(' ')}"/>` : '';
  const dots = assets.map((a) => `<circle cx="${X(a.vol).toFixed(1)}" cy="${Y(a.ret).toFixed(1)}" r="3" fill="#94a3b8"><title>${esc(a.s)}: ${pct(a.ret)} / ${pct(a.vol)}</title></circle><text x="${(X(a.vol) + 5).toFixed(1)}" y="${(Y(a.ret) - 4).toFixed(1)}" class="s">${esc(a.s)}</text>`).join('');
  const chosen = `<circle cx="${X(out.performance.volatility).toFixed(1)}" cy="${Y(out.performance.expectedReturn).toFixed(1)}" r="7" fill="#dc2626" stroke="#fff" stroke-width="2"><title>${esc(out.method)}</title></circle>`;
  return `<section><h2>Efficient frontier</h2><svg width="${W}" height="${H}" role="img" aria-label="efficient frontier">${grid}${line}${dots}${chosen}<text x="${(W + m.l) / 2}" y="${H - 6}" text-anchor="middle">volatility (annual)</text><text transform="translate(12 ${(H - m.b) / 2}) rotate(-90)" text-anchor="middle">expected return</text></svg><p class="note">Blue: frontier under the same bounds; grey: single assets; red: the ${esc(out.method)} portfolio.</p></section>`;
}

function correlation(out: OptimizeOutput): string {
  const syms = out.covariance.symbols;
  const idx = out.clusterOrder.map((s) => syms.indexOf(s));
  const c = 22;
  const off = 64;
  const n = idx.length;
  const color = (r: number): string => {
    const t = Math.max(-1, Math.min(1, r));
    const a = Math.round(255 * (1 - Math.abs(t)));
    return t >= 0 ? `rgb(255,${a},${a})` : `rgb(${a},${a},255)`;
  };
  let cells = '';
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const i = idx[a]!;
      const j = idx[b]!;
      const m = out.covariance.matrix;
      const r = m[i]![j]! / Math.sqrt(m[i]![i]! * m[j]![j]!);
      cells += `<rect x="${off + b * c}" y="${off + a * c}" width="${c}" height="${c}" fill="${color(r)}"><title>${esc(syms[i]!)} / ${esc(syms[j]!)}: ${r.toFixed(3)}</title></rect>`;
    }
  }
  const labels = idx
    .map((i, a) => `<text x="${off - 4}" y="${off + a * c + 15}" text-anchor="end" class="s">${esc(syms[i]!)}</text><text transform="translate(${off + a * c + 15} ${off - 4}) rotate(-60)" class="s">${esc(syms[i]!)}</text>`)
    .join('');
  return `<section><h2>Correlation (clustering order)</h2><svg width="${off + n * c + 10}" height="${off + n * c + 10}" role="img" aria-label="correlation matrix">${cells}${labels}</svg><p class="note">Red positive, blue negative; rows and columns in hierarchical-clustering leaf order.</p></section>`;
}

/** Renders the report. */
export function optimizeReport(out: OptimizeOutput): string {
  const byWeight = Object.entries(out.weights).sort((a, b) => b[1] - a[1]);
  const rc = byWeight.map(([k]) => [k, out.riskContributions[k]!] as const);
  const s = out.settings;
  const facts: [string, string][] = [
    ['Method', out.method],
    ['Expected return', pct(out.performance.expectedReturn)],
    ['Volatility', pct(out.performance.volatility)],
    ['Sharpe ratio', Number.isFinite(out.performance.sharpeRatio) ? out.performance.sharpeRatio.toFixed(3) : 'n/a'],
    ['Prices', `${s.prices} (${out.data.rows} rows, ${out.data.first} → ${out.data.last})`],
    ['Expected returns', s.expectedReturns],
    ['Covariance', s.covariance],
    ['Bounds', `${s.bounds[0]}, ${s.bounds[1]}`],
    ['Risk-free rate', String(s.riskFree)],
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>qt-backtest optimize — ${esc(out.method)}</title><style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#0f172a;max-width:1100px}
h1{font-size:20px}h2{font-size:16px;margin:18px 0 6px}section{display:inline-block;vertical-align:top;margin-right:28px}
table{border-collapse:collapse}td{padding:2px 12px 2px 0}td:first-child{color:#475569}
svg text{font-size:11px;fill:#334155}svg .v{fill:#0f172a}svg .s{font-size:10px}line.g{stroke:#e2e8f0}.note{color:#64748b;font-size:12px;max-width:520px}
.warn{color:#b45309}
</style></head><body><h1>Portfolio optimisation — ${esc(out.method)}</h1>
<table>${facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
${out.warnings.map((w) => `<p class="warn">warning: ${esc(w)}</p>`).join('')}
${bars('Weights', byWeight, '#2563eb')}${bars('Risk contributions (share of variance)', rc, '#f59e0b')}
${frontierChart(out)}${correlation(out)}
<p class="note">${esc(out.generatedBy)}. Annualised; the covariance shown is the matrix the optimiser used.</p>
</body></html>
`;
}
