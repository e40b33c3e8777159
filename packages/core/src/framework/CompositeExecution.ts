import { InvariantError } from '../errors.js';
import type { OrderRequest } from '../orders/Order.js';
import type { ExecutionModel, ExecutionParams } from './ExecutionModel.js';

/** One route of a {@link CompositeExecution}: the symbols a model executes. */
export interface ExecutionRoute {
  readonly symbols: readonly string[];
  readonly model: ExecutionModel;
}

/**
 * Routes targets by symbol: each route's model executes the targets of its symbols, the fallback
 * everything else (e.g. limit orders for illiquid names, market orders for the rest).
 *
 * @example
 * new CompositeExecution([{ symbols: ['XYZ'], model: passive }], new ImmediateExecution());
 */
export class CompositeExecution implements ExecutionModel {
  readonly name: string;
  readonly #routes: readonly ExecutionRoute[];
  readonly #fallback: ExecutionModel;
  readonly #owner: ReadonlyMap<string, number>;

  /** @throws {InvariantError} when a symbol appears in two routes. */
  constructor(routes: readonly ExecutionRoute[], fallback: ExecutionModel) {
    const owner = new Map<string, number>();
    routes.forEach((r, k) => {
      for (const s of r.symbols) {
        if (owner.has(s)) throw new InvariantError(`CompositeExecution: "${s}" is in two routes`);
        owner.set(s, k);
      }
    });
    this.#routes = Object.freeze([...routes]);
    this.#fallback = fallback;
    this.#owner = owner;
    this.name = `CompositeExecution(${[...this.#routes.map((r) => `${r.symbols.join('|')}→${r.model.name}`), `*→${fallback.name}`].join(', ')})`;
  }

  /** The orders of every route's model on its own targets, routes first, then the fallback's. */
  execute(params: ExecutionParams): readonly OrderRequest[] {
    const parts = this.#routes.map(() => [] as ExecutionParams['targets'][number][]);
    const rest: ExecutionParams['targets'][number][] = [];
    for (const t of params.targets) {
      const k = this.#owner.get(t.symbol);
      if (k === undefined) rest.push(t);
      else parts[k]!.push(t);
    }
    const out: OrderRequest[] = [];
    this.#routes.forEach((r, k) => {
      if (parts[k]!.length > 0) out.push(...r.model.execute({ ...params, targets: parts[k]! }));
    });
    if (rest.length > 0) out.push(...this.#fallback.execute({ ...params, targets: rest }));
    return out;
  }
}
