import fc from 'fast-check';
import { it } from 'vitest';
it('x', () => { void fc; });
