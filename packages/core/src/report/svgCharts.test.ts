import { describe, expect, it } from 'vitest';
import {
  areaChart,
  barChart,
  escapeHtml,
  formatAmount,
  formatNumber,
  formatPercent,
  heatColor,
  histogram,
  lineChart,
  niceTicks,
  textWidth,
} from './svgCharts.js';

describe('svgCharts', () => {
  it('escapes HTML and formats numbers', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(-0.00001)).toBe('0.00%');
    expect(formatPercent(NaN)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatAmount(1234567.891)).toBe('1,234,567.89');
    expect(formatAmount(-1000, 0)).toBe('-1,000');
    expect(formatAmount(-0.001)).toBe('0.00');
  });

  it('chooses nice ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.27, 0.05, 5)).toEqual([-0.25, -0.2, -0.15, -0.1, -0.05, 0, 0.05]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('draws a line chart with time ticks, a legend, breaks at NaN and a log scale', () => {
    const day = 86_400_000;
    const x = Array.from({ length: 1000 }, (_, i) => Date.UTC(2020, 0, 1) + i * day);
    const a = x.map((_, i) => 100 * 1.001 ** i);
    const b = x.map((_, i) => (i === 500 ? NaN : 100 + i / 10));
    const svg = lineChart({ x, series: [{ name: 'A<1>', values: a, color: 'red' }, { name: 'B', values: b, color: 'blue' }], title: 'T & t', timeAxis: true });
    expect(svg.startsWith('<svg class="chart line-chart"')).toBe(true);
    expect(svg).toContain('<title>T &amp; t</title>');
    expect(svg).toContain('>A&lt;1&gt;</text>');
    expect(svg).toContain('>2021</text>');
    expect(svg).toContain('>2022</text>');
    const paths = [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(paths).toHaveLength(2);
    expect(paths[0]?.split('L')).toHaveLength(1000);
    expect(paths[1]?.match(/M/g)).toHaveLength(2);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const log = lineChart({ x, series: [{ name: 'A', values: a, color: 'red' }], title: 'log', logScale: true, yFormat: (v) => formatNumber(v, 0) });
    expect(log).toContain('>200</text>');
    expect(lineChart({ x, series: [{ name: 'A', values: a, color: 'red' }], title: 't' })).toBe(
      lineChart({ x, series: [{ name: 'A', values: a, color: 'red' }], title: 't' }),
    );
    expect(lineChart({ x: [], series: [], title: 'empty' })).toContain('no data');
  });

  it('draws area charts, bars, histograms and heat colours', () => {
    const area = areaChart({ x: [0, 1, 2, 3], series: [{ name: 'dd', values: [0, -0.1, -0.05, 0], color: 'red' }], title: 'dd' });
    expect(area).toMatch(/<path class="area" d="M[^"]+Z"/);
    const bars = barChart({ labels: ['2020', '2021', '2022'], values: [0.1, -0.05, NaN], title: 'bars', format: (v) => formatPercent(v, 1) });
    expect(bars.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(bars).toContain('>-5.0%</text>');
    expect(bars).toContain('#c62828');
    const hist = histogram({ values: [0, 0.1, 0.1, 0.2, NaN], bins: 2, title: 'h', markers: [{ value: 0.1, label: 'mean', color: 'black' }] });
    expect(hist.match(/<rect class="bin"/g)).toHaveLength(2);
    expect(hist).toContain('>mean</text>');
    expect(heatColor(0, 0.1)).toBe('rgb(255,255,255)');
    expect(heatColor(0.2, 0.1)).toBe('rgb(77,174,95)');
    expect(heatColor(-0.1, 0.1)).toBe('rgb(220,79,80)');
    expect(heatColor(NaN, 0.1)).toBe('rgb(240,240,240)');
  });
});

describe('chart layout (issue 12 defects)', () => {
  const ticks = (svg: string): { x: number; y: number; anchor: string; text: string }[] =>
    [...svg.matchAll(/<text class="tick" x="([\d.-]+)" y="([\d.-]+)"(?: text-anchor="(\w+)")?[^>]*>([^<]*)<\/text>/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      anchor: m[3] ?? 'start',
      text: m[4] ?? '',
    }));

  it('leaves room for y labels of 10 million and more (right-aligned labels start at x >= 0)', () => {
    const x = Array.from({ length: 50 }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000 * 20);
    const values = x.map((_, i) => 10_000_000 + i * 250_000);
    const svg = lineChart({ x, series: [{ name: 'e', values, color: 'red' }], title: 'big', yFormat: (v) => formatAmount(v, 0), timeAxis: true });
    const y = ticks(svg).filter((t) => t.anchor === 'end');
    expect(y.map((t) => t.text)).toContain('20,000,000');
    for (const t of y) expect(t.x - textWidth(t.text)).toBeGreaterThanOrEqual(0);
  });

  it('keeps curves off the axes: every path point strictly inside the plot frame', () => {
    const svg = lineChart({ x: [0, 1, 2, 3], series: [{ name: 'a', values: [1, 3, 2, 4], color: 'red' }], title: 't' });
    const axisX = Number(/<line class="axis" x1="([\d.]+)" x2="\1"/.exec(svg)?.[1]);
    const bottom = Number(/<line class="axis" x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="\1"/.exec(svg)?.[1]);
    const pts = [...(/<path class="series" d="([^"]+)"/.exec(svg)?.[1] ?? '').matchAll(/([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(pts).toHaveLength(4);
    for (const [px, py] of pts) {
      expect(px).toBeGreaterThan(axisX + 1);
      expect(py).toBeLessThan(bottom - 1);
      expect(py).toBeGreaterThan(28 + 1);
    }
  });

  it('draws histogram marker labels above the bars', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 0.02);
    const svg = histogram({ values, title: 'h', markers: [{ value: 0, label: 'mean', color: 'black' }, { value: -0.015, label: 'VaR 5%', color: 'red' }] });
    const tops = [...svg.matchAll(/<rect class="bin" x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    const labels = [...svg.matchAll(/<text class="legend" x="[\d.]+" y="([\d.]+)"[^>]*>(mean|VaR 5%)<\/text>/g)].map((m) => Number(m[1]));
    expect(labels).toHaveLength(2);
    // A text's baseline at y covers about y − 9 … y + 3 (11 px font): all above the highest bar.
    for (const y of labels) expect(y + 3).toBeLessThanOrEqual(Math.min(...tops));
  });

  it('labels only as many bars as fit, and prints values only when every one fits', () => {
    const labels = Array.from({ length: 30 }, (_, i) => String(1995 + i));
    const values = labels.map((_, i) => (i % 2 === 0 ? 0.1234 : -0.0567));
    const narrow = barChart({ labels, values, title: 'years', width: 400, format: (v) => formatPercent(v, 1) });
    const xs = ticks(narrow).filter((t) => t.anchor === 'middle').map((t) => t.x);
    expect(xs.length).toBeLessThan(30);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(textWidth('2000'));
    expect(narrow).not.toContain('class="bar-value"');
    const wide = barChart({ labels: labels.slice(0, 5), values: values.slice(0, 5), title: 'years', format: (v) => formatPercent(v, 1) });
    expect(wide.match(/class="bar-value"/g)).toHaveLength(5);
  });

  it('draws a comparison series beside each bar, with a legend', () => {
    const svg = barChart({ labels: ['2020', '2021'], values: [0.1, -0.05], title: 'vs', name: 'S', compare: { name: 'Bench', values: [0.05, 0.02] } });
    expect(svg.match(/<rect class="bar-compare"/g)).toHaveLength(2);
    expect(svg).toContain('>Bench</text>');
  });
});
