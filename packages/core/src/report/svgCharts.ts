/**
 * Small, dependency-free SVG chart helpers for the HTML tear sheet: line and area charts with
 * axes and tick labels, bar charts, histograms and heat-map colours. Output is deterministic
 * (coordinates rounded to 0.1 px, no random ids, no clock) and every text is HTML-escaped. The
 * SVG is meant to be inlined in an HTML document (no `xmlns`, so no URL in the output).
 */
import { DEFAULT_CHART_BUCKETS, downsampleSeries } from './downsampleSeries.js';

/** Escapes `& < > " '` so that any text is safe in HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Formats a fraction as a percentage (`0.1234` → `12.34%`); `—` for NaN, `∞`/`−∞` for infinities. */
export function formatPercent(x: number, digits = 2): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return `${fixed(x * 100, digits)}%`;
}

/** Formats a number with fixed decimals (`−0` shown as `0`); `—` for NaN, `∞`/`−∞` for infinities. */
export function formatNumber(x: number, digits = 2): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return fixed(x, digits);
}

/** Formats money-like amounts with thousands separators and fixed decimals (`1234.5` → `1,234.50`). */
export function formatAmount(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return formatNumber(x, digits);
  const s = fixed(Math.abs(x), digits);
  const [int = '0', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(s) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}

/** A coordinate rounded to 0.1 (stable text, small files). */
function c(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * "Nice" tick values (steps of 1, 2, 2.5 or 5 × 10^k) inside [min, max], about `count` of them.
 *
 * @example
 * niceTicks(0, 1, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * 0.7) ?? 10 * mag);
  const ticks: number[] = [];
  const start = Math.ceil(min / step - 1e-9);
  const end = Math.floor(max / step + 1e-9);
  for (let k = start; k <= end; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** One line of a {@link lineChart}. */
export interface LineSeries {
  readonly name: string;
  readonly values: ArrayLike<number>;
  /** CSS colour. */
  readonly color: string;
}

/** Options of {@link lineChart} and {@link areaChart}. */
export interface LineChartOptions {
  /** X values (epoch ms when `timeAxis`), ascending, one per value of every series. */
  readonly x: ArrayLike<number>;
  readonly series: readonly LineSeries[];
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
  /** Formats y tick labels. Default: {@link formatNumber} with 2 decimals. */
  readonly yFormat?: (y: number) => string;
  /** Log10 y scale (values must be > 0; others are skipped). */
  readonly logScale?: boolean;
  /** X values are epoch-ms times: ticks at year (or month) starts, labelled `YYYY` / `YYYY-MM`. */
  readonly timeAxis?: boolean;
  /** Draw a horizontal reference line at this y (e.g. 0). */
  readonly referenceY?: number;
  /** Point markers, e.g. entries and exits on a price chart: `up` triangles (green), `down` (red). */
  readonly markers?: readonly ChartMarker[];
}

/** A point marker of {@link lineChart}. */
export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  readonly kind: 'up' | 'down';
  /** Tooltip text. */
  readonly label?: string;
}

interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Approximate rendered width in px of `text` at the 11 px tick font (digits ≈ 6.2 px; a safe upper bound). */
export function textWidth(text: string, fontPx = 11): number {
  return text.length * fontPx * 0.62;
}

/**
 * The plot frame: the left margin fits the widest y tick label (so "20,000,000" is never cut), the
 * top leaves room for the title (and a legend row when `legendRow`).
 */
function frame(width: number, height: number, yLabels: readonly string[] = [], top = 28): Frame {
  let widest = 0;
  for (const l of yLabels) widest = Math.max(widest, textWidth(l));
  const left = Math.max(48, Math.ceil(widest + 14));
  return { w: width, h: height, left, right: width - 16, top, bottom: height - 28 };
}

/** Inner padding (px) between the axes and the data, so curves never touch an axis. */
const INSET = 6;

function svgOpen(f: Frame, title: string, cls: string): string {
  return (
    `<svg class="chart ${cls}" viewBox="0 0 ${f.w} ${f.h}" width="${f.w}" height="${f.h}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<text class="chart-title" x="${f.left}" y="16">${escapeHtml(title)}</text>`
  );
}

/**
 * Time ticks at calendar-year starts (or month starts for spans under two years), at most
 * `maxTicks` of them (default ~10; fewer on narrow charts so that labels never overlap).
 */
function timeTicks(min: number, max: number, maxTicks = 10): { value: number; label: string }[] {
  const a = new Date(min);
  const b = new Date(max);
  const years = b.getUTCFullYear() - a.getUTCFullYear();
  const out: { value: number; label: string }[] = [];
  if (years >= 2) {
    const step = Math.max(1, Math.ceil(years / maxTicks));
    for (let y = a.getUTCFullYear() + 1; y <= b.getUTCFullYear(); y += step) {
      out.push({ value: Date.UTC(y, 0, 1), label: String(y) });
    }
  } else {
    const months = years * 12 + b.getUTCMonth() - a.getUTCMonth();
    const step = Math.max(1, Math.ceil(months / Math.max(1, Math.min(8, maxTicks - 1))));
    for (let m = 1; m <= months; m += step) {
      const t = Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + m, 1);
      const d = new Date(t);
      out.push({ value: t, label: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` });
    }
  }
  return out.filter((t) => t.value >= min && t.value <= max);
}

function rangeOf(series: readonly LineSeries[], ok: (v: number) => boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i] ?? NaN;
      if (!ok(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

/**
 * Log-scale ticks at m × 10^k inside [lo, hi], with m from the coarsest of {1, 2, 5},
 * {1, 1.5, 2, 3, 5, 7} and 1…9 that gives at least 4 ticks; else linear nice ticks.
 */
function logTicks(lo: number, hi: number): number[] {
  const mantissas = [[1, 2, 5], [1, 1.5, 2, 3, 5, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
  for (const ms of mantissas) {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
      for (const m of ms) {
        const v = Number((m * 10 ** k).toPrecision(12));
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    if (out.length >= 4 && out.length <= 12) return out;
  }
  return niceTicks(lo, hi, 4).filter((v) => v > 0);
}

interface Plot {
  readonly svg: string[];
  readonly px: (x: number) => number;
  readonly py: (y: number) => number;
  readonly valid: (v: number) => boolean;
  readonly f: Frame;
}

function axes(o: LineChartOptions, cls: string, includeZero: boolean): Plot | string {
  const width = o.width ?? 960;
  const height = o.height ?? 300;
  const log = o.logScale === true;
  const valid = (v: number): boolean => Number.isFinite(v) && (!log || v > 0);
  let [lo, hi] = rangeOf(o.series, valid);
  const n = o.x.length;
  const lw = legendWidth(o.series);
  const top = legendNeedsRow(o.title, lw, width) ? 48 : 28;
  if (!(lo <= hi) || n === 0) {
    const f = frame(width, height, [], top);
    return `${svgOpen(f, o.title, cls)}<text x="${f.left}" y="${c(f.h / 2)}">no data</text></svg>`;
  }
  if (includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    lo = log ? lo / 1.05 : lo - pad;
    hi = log ? hi * 1.05 : hi + pad;
  }
  const fmt = o.yFormat ?? ((v: number) => formatNumber(v));
  const yt = log ? logTicks(lo, hi) : niceTicks(lo, hi, 5);
  const f = frame(width, height, yt.map(fmt), top);
  const t = log ? Math.log10 : (v: number) => v;
  // 4 % of the span above and below (and a fixed inset at both ends of x): curves never touch the axes.
  const span = t(hi) - t(lo);
  const tlo = t(lo) - span * 0.04;
  const thi = t(hi) + span * 0.04;
  const x0 = o.x[0] ?? 0;
  const x1 = o.x[n - 1] ?? 1;
  const xl = f.left + INSET;
  const xr = f.right - INSET;
  const px = (x: number): number => xl + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (xr - xl);
  const py = (y: number): number => f.bottom - ((t(y) - tlo) / (thi - tlo)) * (f.bottom - f.top);
  const svg = [svgOpen(f, o.title, cls)];
  for (const v of yt) {
    const y = c(py(v));
    svg.push(`<line class="grid" x1="${f.left}" x2="${f.right}" y1="${y}" y2="${y}"/>`);
    svg.push(`<text class="tick" x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(fmt(v))}</text>`);
  }
  const maxX = Math.max(2, Math.floor((f.right - f.left) / 56));
  const xt = o.timeAxis === true ? timeTicks(x0, x1, maxX) : niceTicks(x0, x1, Math.min(8, maxX)).map((v) => ({ value: v, label: formatNumber(v, 0) }));
  for (const { value, label } of xt) {
    const x = c(px(value));
    svg.push(`<line class="tickmark" x1="${x}" x2="${x}" y1="${f.bottom}" y2="${f.bottom + 4}"/>`);
    svg.push(`<text class="tick" x="${x}" y="${f.bottom + 16}" text-anchor="middle">${escapeHtml(label)}</text>`);
  }
  svg.push(`<line class="axis" x1="${f.left}" x2="${f.left}" y1="${f.top}" y2="${f.bottom}"/>`);
  svg.push(`<line class="axis" x1="${f.left}" x2="${f.right}" y1="${f.bottom}" y2="${f.bottom}"/>`);
  if (o.referenceY !== undefined && valid(o.referenceY) && o.referenceY >= lo && o.referenceY <= hi) {
    const y = c(py(o.referenceY));
    svg.push(`<line class="reference" x1="${f.left}" x2="${f.right}" y1="${y}" y2="${y}"/>`);
  }
  return { svg, px, py, valid, f };
}

/** SVG path data of one series; NaN (or invalid) values break the line. */
function pathData(p: Plot, x: ArrayLike<number>, values: ArrayLike<number>): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    const xi = x[i] ?? NaN;
    if (!p.valid(v) || !Number.isFinite(xi)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${c(p.px(xi))} ${c(p.py(v))}`;
    pen = true;
  }
  return d;
}

/** Width in px of the legend of `series` (0 for a single series, which has none). */
function legendWidth(series: readonly LineSeries[]): number {
  if (series.length < 2) return 0;
  let w = 0;
  for (const s of series) w += 24 + textWidth(s.name);
  return w;
}

/** Whether the legend must go on its own row below the title (they would overlap on one row). */
function legendNeedsRow(title: string, legend: number, width: number): boolean {
  return legend > 0 && 64 + textWidth(title, 13) * 1.05 + 16 + legend > width - 16;
}

function legend(p: Plot, series: readonly LineSeries[]): string {
  if (series.length < 2) return '';
  const row = p.f.top > 28;
  let x = p.f.right;
  const y = row ? 36 : 14;
  const parts: string[] = [];
  for (const s of [...series].reverse()) {
    const w = 24 + textWidth(s.name);
    x -= w;
    parts.push(
      `<rect x="${c(x)}" y="${y - 6}" width="12" height="4" fill="${escapeHtml(s.color)}"/>` +
        `<text class="legend" x="${c(x + 16)}" y="${y}">${escapeHtml(s.name)}</text>`,
    );
  }
  return parts.join('');
}

/** Triangle markers (entries up, exits down) of a line chart. */
function markers(p: Plot, list: readonly ChartMarker[] | undefined): string {
  if (list === undefined) return '';
  const out: string[] = [];
  for (const m of list) {
    if (!p.valid(m.y) || !Number.isFinite(m.x)) continue;
    const x = p.px(m.x);
    const y = p.py(m.y);
    const d = m.kind === 'up' ? `M${c(x)} ${c(y)}l-4 7h8z` : `M${c(x)} ${c(y)}l-4 -7h8z`;
    const fill = m.kind === 'up' ? '#1a7f37' : '#c62828';
    out.push(`<path class="marker-${m.kind}" d="${d}" fill="${fill}">${m.label === undefined ? '' : `<title>${escapeHtml(m.label)}</title>`}</path>`);
  }
  return out.join('');
}

/** Long series thinned to at most ~4,000 points by min/max per bucket (extremes stay visible). */
function thinned(o: LineChartOptions): LineChartOptions {
  if (o.x.length <= 4 * DEFAULT_CHART_BUCKETS) return o;
  const d = downsampleSeries(o.x, o.series.map((s) => s.values));
  return { ...o, x: d.x, series: o.series.map((s, k) => ({ ...s, values: d.series[k]! })) };
}

/**
 * A line chart with y grid, tick labels, an x axis (time or numeric) and a legend when there is
 * more than one series.
 *
 * @returns an `<svg>` element as a string.
 */
export function lineChart(chart: LineChartOptions): string {
  const options = thinned(chart);
  const p = axes(options, 'line-chart', false);
  if (typeof p === 'string') return p;
  for (const s of options.series) {
    const d = pathData(p, options.x, s.values);
    if (d !== '') p.svg.push(`<path class="series" d="${d}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="1.5"/>`);
  }
  p.svg.push(markers(p, options.markers), legend(p, options.series), '</svg>');
  return p.svg.join('');
}

/**
 * An area chart: each series filled down (or up) to y = 0 — e.g. an underwater drawdown curve.
 *
 * @returns an `<svg>` element as a string.
 */
export function areaChart(chart: LineChartOptions): string {
  const options = thinned(chart);
  const p = axes({ ...options, logScale: false }, 'area-chart', true);
  if (typeof p === 'string') return p;
  const zero = c(p.py(0));
  // Last series first, so that the first one is drawn on top.
  for (const s of [...options.series].reverse()) {
    const d = pathData(p, options.x, s.values);
    if (d === '') continue;
    // Close each unbroken run down to the zero line.
    const runs = d.split('M').filter((r) => r !== '');
    const area = runs
      .map((r) => {
        const pts = r.split('L');
        const first = (pts[0] ?? '').split(' ')[0] ?? '0';
        const last = (pts[pts.length - 1] ?? '').split(' ')[0] ?? '0';
        return `M${first} ${zero}L${r}L${last} ${zero}Z`;
      })
      .join('');
    p.svg.push(`<path class="area" d="${area}" fill="${escapeHtml(s.color)}" fill-opacity="0.35" stroke="none"/>`);
    p.svg.push(`<path class="series" d="${d}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="1.2"/>`);
  }
  p.svg.push(legend(p, options.series), '</svg>');
  return p.svg.join('');
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  readonly labels: readonly string[];
  readonly values: ArrayLike<number>;
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
  /** Formats y tick labels and the value printed on each bar. Default {@link formatNumber}. */
  readonly format?: (v: number) => string;
  /** Colour of positive bars (default green) and negative bars (default red). */
  readonly positiveColor?: string;
  readonly negativeColor?: string;
  /** Name of the main series, shown in the legend when `compare` is given. */
  readonly name?: string;
  /** A second series drawn beside each bar (e.g. the benchmark's annual returns), in grey. */
  readonly compare?: { readonly name: string; readonly values: ArrayLike<number>; readonly color?: string };
}

/**
 * A vertical bar chart around y = 0, one labelled bar per value (two side by side with
 * `compare`); each value is printed on its bar when there is room for it (always in the tooltip).
 *
 * @returns an `<svg>` element as a string.
 */
export function barChart(options: BarChartOptions): string {
  const fmt = options.format ?? ((v: number) => formatNumber(v));
  const n = options.values.length;
  const cmp = options.compare;
  let lo = 0;
  let hi = 0;
  const extend = (arr: ArrayLike<number>): void => {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i] ?? NaN;
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  };
  extend(options.values);
  if (cmp !== undefined) extend(cmp.values);
  const width = options.width ?? 960;
  const height = options.height ?? 260;
  const series: LineSeries[] =
    cmp === undefined ? [] : [{ name: options.name ?? 'Strategy', values: options.values, color: options.positiveColor ?? '#2e7d32' }, { name: cmp.name, values: cmp.values, color: cmp.color ?? '#8c959f' }];
  const lw = legendWidth(series);
  const top = legendNeedsRow(options.title, lw, width) ? 48 : 28;
  if (n === 0) {
    const f = frame(width, height, [], top);
    return `${svgOpen(f, options.title, 'bar-chart')}<text x="${f.left}" y="${c(f.h / 2)}">no data</text></svg>`;
  }
  if (lo === hi) hi = lo + 1;
  const span = hi - lo;
  lo -= span * 0.1;
  hi += span * 0.1;
  const yt = niceTicks(lo, hi, 5);
  const f = frame(width, height, yt.map(fmt), top);
  const svg = [svgOpen(f, options.title, 'bar-chart')];
  const py = (y: number): number => f.bottom - ((y - lo) / (hi - lo)) * (f.bottom - f.top);
  for (const v of yt) {
    const y = c(py(v));
    svg.push(`<line class="grid" x1="${f.left}" x2="${f.right}" y1="${y}" y2="${y}"/>`);
    svg.push(`<text class="tick" x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(fmt(v))}</text>`);
  }
  const slot = (f.right - f.left) / n;
  const group = Math.max(1, slot * 0.76);
  const bw = cmp === undefined ? group : group / 2;
  // Tick labels every k-th bar so that neighbours never overlap.
  let widest = 0;
  for (const l of options.labels) widest = Math.max(widest, textWidth(l));
  const labelEvery = Math.max(1, Math.ceil((widest + 8) / slot));
  let widestValue = 0;
  for (let i = 0; i < n; i++) widestValue = Math.max(widestValue, textWidth(fmt(options.values[i] ?? NaN)), cmp === undefined ? 0 : textWidth(fmt(cmp.values[i] ?? NaN)));
  const showValues = widestValue + 2 <= (cmp === undefined ? slot * 0.95 : bw);
  const drawBar = (v: number, x: number, label: string, color: string, cls: string, valueRow: number): void => {
    const y0 = py(0);
    const y1 = py(v);
    svg.push(
      `<rect class="${cls}" x="${c(x)}" y="${c(Math.min(y0, y1))}" width="${c(Math.max(0.5, bw))}" height="${c(Math.max(0.5, Math.abs(y1 - y0)))}" fill="${escapeHtml(color)}"><title>${escapeHtml(`${label}: ${fmt(v)}`)}</title></rect>`,
    );
    // Values on the bars only when every one fits its bar's width (else the tooltips have them).
    const text = fmt(v);
    if (showValues && valueRow >= 0) {
      const ty = v >= 0 ? y1 - 4 : y1 + 12;
      svg.push(`<text class="bar-value" x="${c(x + bw / 2)}" y="${c(ty)}" text-anchor="middle">${escapeHtml(text)}</text>`);
    }
  };
  for (let i = 0; i < n; i++) {
    const v = options.values[i] ?? NaN;
    const cx = f.left + slot * (i + 0.5);
    const label = options.labels[i] ?? '';
    if (Number.isFinite(v)) {
      const color = v >= 0 ? (options.positiveColor ?? '#2e7d32') : (options.negativeColor ?? '#c62828');
      drawBar(v, cx - group / 2, label, color, 'bar', 0);
    }
    const w = cmp?.values[i] ?? NaN;
    if (cmp !== undefined && Number.isFinite(w)) drawBar(w, cx, `${label} ${cmp.name}`, cmp.color ?? '#8c959f', 'bar-compare', 0);
    if (i % labelEvery === 0) {
      svg.push(`<text class="tick" x="${c(cx)}" y="${f.bottom + 16}" text-anchor="middle">${escapeHtml(label)}</text>`);
    }
  }
  const zy = c(py(0));
  svg.push(`<line class="axis" x1="${f.left}" x2="${f.right}" y1="${zy}" y2="${zy}"/>`);
  svg.push(`<line class="axis" x1="${f.left}" x2="${f.left}" y1="${f.top}" y2="${f.bottom}"/>`);
  if (series.length > 0) {
    svg.push(legend({ svg: [], px: (x) => x, py: (y) => y, valid: () => true, f }, series));
  }
  svg.push('</svg>');
  return svg.join('');
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  readonly values: ArrayLike<number>;
  readonly title: string;
  /** Number of equal-width bins; default 50. */
  readonly bins?: number;
  readonly width?: number;
  readonly height?: number;
  /** Formats x tick labels (bin edges). Default {@link formatNumber}. */
  readonly format?: (v: number) => string;
  /** Vertical marker lines, e.g. the mean or the VaR. */
  readonly markers?: readonly { readonly value: number; readonly label: string; readonly color: string }[];
}

/**
 * A histogram of the finite values in equal-width bins, with count ticks and labelled bin edges.
 *
 * @returns an `<svg>` element as a string.
 */
export function histogram(options: HistogramOptions): string {
  const fmt = options.format ?? ((v: number) => formatNumber(v));
  const xs: number[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < options.values.length; i++) {
    const v = options.values[i] ?? NaN;
    if (Number.isFinite(v)) {
      xs.push(v);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  // Marker labels sit in two rows above the plot area, so they never cover a bar.
  const markerRows = (options.markers ?? []).length === 0 ? 0 : (options.markers ?? []).length === 1 ? 1 : 2;
  const bins = Math.max(1, Math.floor(options.bins ?? 50));
  const f0 = frame(options.width ?? 960, options.height ?? 260, [], 28 + markerRows * 14);
  const svg = [svgOpen(f0, options.title, 'histogram')];
  if (xs.length === 0) return `${svg.join('')}<text x="${f0.left}" y="${c(f0.h / 2)}">no data</text></svg>`;
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let maxCount = 0;
  for (const v of xs) {
    const k = Math.min(bins - 1, Math.floor((v - lo) / width));
    const next = (counts[k] ?? 0) + 1;
    counts[k] = next;
    if (next > maxCount) maxCount = next;
  }
  const f = frame(f0.w, f0.h, niceTicks(0, maxCount, 4).map((v) => formatNumber(v, 0)), f0.top);
  const px = (x: number): number => f.left + ((x - lo) / (hi - lo)) * (f.right - f.left);
  const py = (y: number): number => f.bottom - (y / maxCount) * (f.bottom - f.top);
  for (const v of niceTicks(0, maxCount, 4)) {
    const y = c(py(v));
    svg.push(`<line class="grid" x1="${f.left}" x2="${f.right}" y1="${y}" y2="${y}"/>`);
    svg.push(`<text class="tick" x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatNumber(v, 0)}</text>`);
  }
  for (let k = 0; k < bins; k++) {
    const n = counts[k] ?? 0;
    if (n === 0) continue;
    const x0 = px(lo + k * width);
    const x1 = px(lo + (k + 1) * width);
    svg.push(
      `<rect class="bin" x="${c(x0)}" y="${c(py(n))}" width="${c(Math.max(0.5, x1 - x0 - 1))}" height="${c(f.bottom - py(n))}" fill="#4c78a8"><title>${escapeHtml(`${fmt(lo + k * width)} to ${fmt(lo + (k + 1) * width)}: ${n}`)}</title></rect>`,
    );
  }
  for (const v of niceTicks(lo, hi, 8)) {
    const x = c(px(v));
    svg.push(`<line class="tickmark" x1="${x}" x2="${x}" y1="${f.bottom}" y2="${f.bottom + 4}"/>`);
    svg.push(`<text class="tick" x="${x}" y="${f.bottom + 16}" text-anchor="middle">${escapeHtml(fmt(v))}</text>`);
  }
  (options.markers ?? []).forEach((m, i) => {
    if (!(m.value >= lo && m.value <= hi)) return;
    const x = c(px(m.value));
    // Labels in the band above the bars, alternating rows so that close markers stay readable;
    // a label that would pass the right edge is drawn to the left of its line.
    const right = px(m.value) + 4 + textWidth(m.label) > f.right;
    const tx = right ? px(m.value) - 4 : px(m.value) + 4;
    svg.push(
      `<line class="marker" x1="${x}" x2="${x}" y1="${f.top - 14 * markerRows + 4 + (i % 2) * 14}" y2="${f.bottom}" stroke="${escapeHtml(m.color)}" stroke-dasharray="4 3"/>` +
        `<text class="legend" x="${c(tx)}" y="${f.top - 14 * markerRows + 11 + (i % 2) * 14}"${right ? ' text-anchor="end"' : ''} fill="${escapeHtml(m.color)}">${escapeHtml(m.label)}</text>`,
    );
  });
  svg.push(`<line class="axis" x1="${f.left}" x2="${f.right}" y1="${f.bottom}" y2="${f.bottom}"/>`);
  svg.push(`<line class="axis" x1="${f.left}" x2="${f.left}" y1="${f.top}" y2="${f.bottom}"/>`, '</svg>');
  return svg.join('');
}

/**
 * Diverging heat-map colour for a value: white at 0, towards green for positive and red for
 * negative values, saturating at |value| = `scale`. NaN gives a light grey.
 *
 * @example
 * heatColor(0, 0.1); // 'rgb(255,255,255)'
 */
export function heatColor(value: number, scale: number): string {
  if (!Number.isFinite(value)) return 'rgb(240,240,240)';
  const t = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  const [r, g, b] = value >= 0 ? [46, 160, 67] : [214, 48, 49];
  const mix = (from: number): number => Math.round(255 + (from - 255) * t * 0.85);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
