import { expect, it } from 'vitest';
import { RateLimiter } from './RateLimiter.js';

function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 1_000_000;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)), slept };
}

const headers = (h: Record<string, string>) => ({ get: (k: string) => h[k.toLowerCase()] ?? null });

it('paces to 200 requests per minute after the initial burst', async () => {
  const c = fakeClock();
  const l = new RateLimiter({ perMinute: 200, now: c.now, sleep: c.sleep });
  for (let i = 0; i < 200; i++) await l.acquire();
  expect(c.slept).toEqual([]);
  await l.acquire();
  expect(c.slept).toEqual([300]); // one token per 300 ms
});

it('holds every request until X-RateLimit-Reset after a 429 or Remaining: 0', async () => {
  const c = fakeClock();
  const l = new RateLimiter({ now: c.now, sleep: c.sleep });
  l.observe(429, headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String((c.now() + 2500) / 1000) }));
  await l.acquire();
  expect(c.slept).toEqual([2500]);
  l.observe(200, headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String((c.now() + 1000) / 1000) }));
  await l.acquire();
  expect(c.slept.slice(1)).toEqual([1000]);
  // A reset absurdly far away (clock skew) is capped at a minute.
  l.observe(429, headers({ 'x-ratelimit-reset': String(c.now() / 1000 + 86_400) }));
  await l.acquire();
  expect(c.slept.at(-1)).toBe(60_000);
});
