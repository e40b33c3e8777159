/**
 * The settings and the optimize.json shape of `qt-backtest optimize` (shared by the command and its report).
 */

/** The methods `--method` accepts. */
export const OPTIMIZE_METHODS = [
  'min-volatility',
  'max-sharpe',
  'efficient-risk',
  'efficient-return',
  'risk-parity',
  'hrp',
  'black-litterman',
  'cla-min-volatility',
  'cla-max-sharpe',
] as const;
export type OptimizeMethod = (typeof OPTIMIZE_METHODS)[number];

export const COVARIANCES = [
  'sample',
  'ledoit-wolf',
  'ledoit-wolf-single-factor',
  'ledoit-wolf-constant-correlation',
  'oas',
  'exponential',
  'semicovariance',
] as const;
export const RETURN_MODELS = ['mean', 'ema', 'capm'] as const;

/** Parsed and checked flags. */
export interface OptimizeSettings {
  readonly prices: string;
  readonly method: OptimizeMethod;
  readonly from?: string;
  readonly to?: string;
  readonly riskFree: number;
  readonly covariance: (typeof COVARIANCES)[number];
  readonly expectedReturns: (typeof RETURN_MODELS)[number];
  readonly bounds: readonly [number, number];
  readonly target?: number;
  readonly linkage: 'single' | 'ward';
  readonly euclidean: boolean;
  readonly views?: string;
  readonly marketCaps?: string;
  readonly tau: number;
  readonly riskAversion: number;
}

/** optimize.json: the fixed keys of the issue plus context. */
export interface OptimizeOutput {
  readonly method: OptimizeMethod;
  readonly weights: Readonly<Record<string, number>>;
  readonly performance: { readonly expectedReturn: number; readonly volatility: number; readonly sharpeRatio: number };
  readonly covariance: { readonly symbols: readonly string[]; readonly matrix: readonly (readonly number[])[] };
  readonly expectedReturns: Readonly<Record<string, number>>;
  /** Share of portfolio variance per symbol, wᵢ(Σw)ᵢ / wᵀΣw. */
  readonly riskContributions: Readonly<Record<string, number>>;
  /** Symbols in hierarchical-clustering leaf order (the report's correlation order). */
  readonly clusterOrder: readonly string[];
  readonly frontier: readonly { readonly expectedReturn: number; readonly volatility: number }[];
  readonly settings: Omit<OptimizeSettings, 'prices'> & { readonly prices: string };
  readonly data: { readonly rows: number; readonly returns: number; readonly first: string; readonly last: string };
  readonly warnings: readonly string[];
  readonly generatedBy: string;
}

