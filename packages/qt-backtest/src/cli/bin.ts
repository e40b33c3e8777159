/**
 * The `qt-backtest` executable: runs {@link main} on the process arguments and sets the exit code.
 */
import { main } from './main.js';
import { installSignalHandlers } from './signals.js';

installSignalHandlers((s) => process.stderr.write(s));

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  // Progress bars only on a terminal: piped or redirected stderr stays clean.
  stderrIsTTY: process.stderr.isTTY === true,
});
