/**
 * A benchmark's price curve on a result's time index, and its returns.
 */
import { InvariantError } from '../errors.js';

/**
 * The benchmark's closes on `time` (a result's bars): at each bar, the benchmark's last close at
 * or before it — the value an investor holding the benchmark would mark, as the engine marks
 * positions. Bars before the benchmark's first close are an error rather than a made-up value.
 *
 * @param time - the result's bar times (epoch ms, increasing)
 * @param benchmark - the benchmark's bars (`time` increasing, `close` > 0)
 * @throws {InvariantError} when the benchmark starts after the first bar, or a close is not a finite number > 0.
 * @example
 * const curve = benchmarkCurve(result.time, data.get('MKT'));
 * await result.writeReport('qt-out/run', { benchmark: { name: 'MKT', equity: curve } });
 * result.metrics({ benchmarkReturns: benchmarkReturns(curve) }).beta;
 */
export function benchmarkCurve(
  time: Float64Array,
  benchmark: { readonly symbol?: string; readonly time: Float64Array; readonly close: Float64Array },
): Float64Array {
  const name = benchmark.symbol ?? 'benchmark';
  const out = new Float64Array(time.length);
  let j = -1;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    while (j + 1 < benchmark.time.length && benchmark.time[j + 1]! <= t) j++;
    if (j < 0) {
      throw new InvariantError(`benchmark "${name}" starts at ${new Date(benchmark.time[0] ?? NaN).toISOString()}, after the first bar ${new Date(t).toISOString()}`);
    }
    const c = benchmark.close[j]!;
    if (!(c > 0) || !Number.isFinite(c)) throw new InvariantError(`benchmark "${name}" close at ${new Date(benchmark.time[j]!).toISOString()} is ${c}; expected a finite number > 0`);
    out[i] = c;
  }
  return out;
}

/**
 * Simple returns of a benchmark curve (prices or equity), the first bar's being 0 (as the tear
 * sheet draws it), for `resultMetrics`' `benchmarkReturns`.
 *
 * @example benchmarkReturns(Float64Array.of(100, 110, 99)) // Float64Array [0, 0.1000…, -0.0999…]
 */
export function benchmarkReturns(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  for (let i = 1; i < equity.length; i++) out[i] = equity[i]! / equity[i - 1]! - 1;
  return out;
}
