/**
 * Parameter grids of a sweep: `fast=5:50:5` (an inclusive range), `slow=20,30,50` (a list) or a
 * single value per parameter; the grid is their Cartesian product.
 */
import { typeParam, type ParamValues, type StrategyFactory } from './loadStrategy.js';
import { RANGE_PATTERN, UsageError, type RawParams } from './runSettings.js';

/** The most parameter sets one sweep may run. */
export const MAX_TRIALS = 1_000_000;

/** Decimal places of a number's shortest text form (for exact range steps). */
function decimals(x: number): number {
  const s = String(x);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2)) + (s.indexOf('.') >= 0 ? e - s.indexOf('.') - 1 : 0);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * Expands `start:stop:step` (inclusive of `stop` when the steps land on it; `step` defaults to 1)
 * into numbers without accumulated float error (`0.1:0.3:0.1` is `[0.1, 0.2, 0.3]`).
 *
 * @throws {UsageError} for a non-numeric bound, a step <= 0, or stop < start.
 */
export function expandRange(key: string, text: string): number[] {
  const parts = text.split(':').map((p) => p.trim());
  const [a, b, c = '1'] = parts;
  const [start, stop, step] = [Number(a), Number(b), Number(c)];
  if (parts.length > 3 || [a, b, c].some((p) => p === '' || p === undefined) || ![start, stop, step].every(Number.isFinite)) {
    throw new UsageError(`--param ${key}=${text}: expected a range start:stop[:step] of numbers`);
  }
  if (!(step > 0)) throw new UsageError(`--param ${key}=${text}: the step must be > 0`);
  if (stop < start) throw new UsageError(`--param ${key}=${text}: stop ${stop} is below start ${start}`);
  const scale = 10 ** Math.max(decimals(start), decimals(step));
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  if (count > MAX_TRIALS) throw new UsageError(`--param ${key}=${text}: ${count} values; at most ${MAX_TRIALS}`);
  return Array.from({ length: count }, (_, i) => Math.round((start + i * step) * scale) / scale);
}

/** One parameter's candidate values as raw text/JSON values. */
function candidates(key: string, value: RawParams[string]): (string | number | boolean)[] {
  if (Array.isArray(value)) return value as (string | number | boolean)[];
  if (typeof value !== 'string') return [value as number | boolean];
  const t = value.trim();
  if (RANGE_PATTERN.test(t)) return expandRange(key, t);
  if (t.includes(',')) {
    const list = t.split(',').map((x) => x.trim());
    if (list.some((x) => x === '')) throw new UsageError(`--param ${key}=${value}: empty item in the list`);
    return list;
  }
  return [t];
}

/** The typed values of every parameter, in the order given. */
export interface SweepAxes {
  readonly names: readonly string[];
  readonly values: readonly (readonly (number | boolean | string)[])[];
}

/**
 * Types every candidate value of every parameter against the strategy's declaration.
 *
 * @throws {UsageError} for bad values or a grid larger than {@link MAX_TRIALS}.
 */
export function sweepAxes(factory: Pick<StrategyFactory, 'spec' | 'params'>, raw: RawParams): SweepAxes {
  const names = Object.keys(raw);
  const values = names.map((k) => {
    const typed = candidates(k, raw[k]!).map((v) => typeParam(factory, k, v));
    return typed.filter((v, i) => typed.indexOf(v) === i);
  });
  const size = values.reduce((n, v) => n * v.length, 1);
  if (size > MAX_TRIALS) throw new UsageError(`the parameter grid has ${size.toLocaleString('en-US')} sets; at most ${MAX_TRIALS.toLocaleString('en-US')}`);
  return { names, values };
}

/** The Cartesian product of the axes, the first parameter varying slowest. */
export function* gridOf(axes: SweepAxes): Generator<ParamValues> {
  const { names, values } = axes;
  const idx = names.map(() => 0);
  if (values.some((v) => v.length === 0)) return;
  for (;;) {
    yield Object.fromEntries(names.map((k, i) => [k, values[i]![idx[i]!]!]));
    let d = names.length - 1;
    while (d >= 0 && ++idx[d]! === values[d]!.length) idx[d--] = 0;
    if (d < 0) return;
  }
}
