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
