/**
 * Where sweep trials run: {@link LocalSweepExecutor} (worker threads on this machine) or
 * {@link RedisSweepExecutor} (a BullMQ queue served by `qt-backtest worker` processes anywhere).
 */
import type { ParamValues } from '../cli/loadStrategy.js';
import type { RunSettings } from '../cli/runSettings.js';
import type { SweepSetup, TrialOutcome } from '../cli/TrialRunner.js';

/** One trial of a sweep: its row number in the sweep, idempotent key and parameters. */
export interface SweepTrial {
  /** 1-based row of the trial in this sweep's table. */
  readonly id: number;
  /** {@link trialKey} of the trial: equal on every machine and every run of the same trial. */
  readonly key: string;
  readonly values: ParamValues;
}

/** The settings a remote worker re-creates the run from (data by path, checked by hash). */
export type SweepDataSettings = Pick<
  RunSettings,
  'data' | 'symbol' | 'adjusted' | 'from' | 'to' | 'benchmark' | 'cash' | 'feePct' | 'feePerShare' | 'feeMin' | 'slippageBps' | 'volumeLimit' | 'seed'
>;

/** A sweep described by reference: what any machine with the same files needs to run its trials. */
export interface SweepSpec {
  /** `--strategy` as given (a built-in name, or a file path relative to the worker's directory). */
  readonly strategy: string;
  readonly settings: SweepDataSettings;
  /** sha256 of each data file, in load order (the benchmark file last): workers refuse other data. */
  readonly dataHashes: readonly string[];
  /** Workers keep each trial's per-bar returns (see `SweepSetup.keepReturns`). */
  readonly keepReturns?: boolean;
}

/** One sweep handed to an executor. */
export interface SweepRun {
  /** The loaded data (in-process executors use it). */
  readonly setup: SweepSetup;
  /** The same sweep by reference (remote executors send it). */
  readonly spec: SweepSpec;
  readonly trials: readonly SweepTrial[];
  /** Called once per trial as soon as its outcome is known (resumed ones first), with the count done. */
  readonly onResult?: (outcome: TrialOutcome, done: number, total: number) => void;
}

/** Runs the trials of a sweep somewhere and resolves to their outcomes in the order given. */
export interface SweepExecutor {
  /** Short description for reports (`local: 2 threads`, `redis://127.0.0.1:6379`). */
  readonly name: string;
  run(sweep: SweepRun): Promise<TrialOutcome[]>;
  /** Releases connections or threads. */
  close(): Promise<void>;
}
