/**
 * The time-inhomogeneous sample of timeseriescv's tests (`prepare_time_inhomogeneous_cv_object`,
 * sam31415/timeseriescv timeseriescv/tests/test_cross_validation.py): 11 samples every 2 h and
 * 10 every 59 min from midnight, each evaluated 1 h later, sorted by prediction time. Minutes.
 * Test helper only.
 */
export function inhomogeneousEvents(): { start: Float64Array; end: Float64Array } {
  const times = [...Array.from({ length: 11 }, (_, i) => i * 120), ...Array.from({ length: 10 }, (_, i) => i * 59)].sort((a, b) => a - b);
  const start = Float64Array.from(times);
  return { start, end: start.map((t) => t + 60) };
}
