/**
 * `@qt-backtest/core/testing`: shared contract suites for core extension points, to run on your
 * own implementations. They land with the extension points (engine issue).
 *
 * @packageDocumentation
 */
export {};
