/**
 * examples/pairsTrading.ts, run as a user runs it (child process, tsx loader) on real data: exit 0,
 * no stderr, printed figures equal to the same run through the library API; no short of the
 * not-shortable RRC; legs sized from current prices; costs (fees, borrow) charged.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasSharedData, needsSharedData } from './sharedData.js';
import { PARAMS, runPairs } from '../../../../examples/pairsTrading.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

describe.skipIf(!hasSharedData)(`examples/pairsTrading.ts ${needsSharedData}`, () => {
  it('runs, prints what the library computes, never shorts RRC, sizes legs from current prices', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qt-pairs-'));
    try {
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(process.execPath, ['--conditions=@qt-backtest/source', '--import', 'tsx', join('examples', 'pairsTrading.ts'), out], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 }, (error, stdout, stderr) =>
          done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
        );
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(existsSync(join(out, 'report.html'))).toBe(true);
      const { result, log } = await runPairs();
      const m = result.metrics();
      expect(run.stdout).toContain(`final equity: ${result.finalEquity.toFixed(2)}`);
      expect(run.stdout).toContain(`Sharpe: ${m.sharpeRatio.toFixed(3)}`);
      expect(run.stdout).toContain(`entries: ${log.entries.length}  skipped (not shortable): ${log.skipped.length}`);
      // four pairs re-tested each year 2011–2017, except GE/GM in January 2011 (GM listed in November 2010: no 252 closes yet)
      expect(log.tests.length).toBe(4 * 7 - 1);
      expect(log.tests.some((t) => t.pair === "GE/GM" && t.date.startsWith("2011"))).toBe(false);
      expect(log.entries.length).toBeGreaterThan(10);
      // RRC never sold short: its position never goes below zero
      let rrc = 0;
      for (const f of result.fills.filter((x) => x.symbol === 'RRC')) {
        rrc += f.side === 'buy' ? f.quantity : -f.quantity;
        expect(rrc).toBeGreaterThanOrEqual(0);
      }
      expect(log.skipped.every((s) => s.reason === 'RRC is not shortable')).toBe(true);
      // legs: qX = round(β·qY), qY the largest whole number with qY·(pY + β·pX) <= 0.2·equity
      for (const e of log.entries) expect(e.qX).toBe(Math.round(e.beta * e.qY));
      expect(result.totals.fees).toBeGreaterThan(0);
      expect(result.totals.borrow).toBeGreaterThan(0);
      expect(PARAMS.notShortable).toEqual(['RRC']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
