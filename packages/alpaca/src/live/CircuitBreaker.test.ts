import { expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from './CircuitBreaker.js';

it('opens after 5 consecutive failures, ignores 429s, half-opens after the cooldown and closes on a success', () => {
  let now = 0;
  const changes: BreakerState[] = [];
  const b = new CircuitBreaker({ now: () => now, cooldownMs: 1000, onChange: (s) => changes.push(s) });
  for (let i = 0; i < 50; i++) b.record(429);
  expect(b.state).toBe('closed');
  for (let i = 0; i < 4; i++) b.record(503);
  b.record(200); // a success resets the consecutive count
  for (let i = 0; i < 4; i++) b.record(0);
  expect(b.allows()).toBe(true);
  b.record(502);
  expect(b.state).toBe('open');
  expect(b.allows()).toBe(false);
  now = 999;
  expect(b.state).toBe('open');
  now = 1000;
  expect(b.state).toBe('half_open');
  expect(b.allows()).toBe(false); // half-open waits for a successful call
  b.record(500);
  expect(b.state).toBe('open');
  now = 2500;
  b.record(200);
  expect(b.state).toBe('closed');
  expect(changes).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
});

it('opens after 10 failures within the window even with successes between them; 4xx are not failures', () => {
  let now = 0;
  const b = new CircuitBreaker({ now: () => now });
  for (let i = 0; i < 9; i++) {
    b.record(500);
    b.record(422);
    now += 1000;
  }
  expect(b.state).toBe('closed');
  now += 60_000; // the old failures leave the window
  for (let i = 0; i < 9; i++) {
    b.record(500);
    b.record(200);
  }
  expect(b.state).toBe('closed');
  b.record(0);
  expect(b.state).toBe('open');
});
