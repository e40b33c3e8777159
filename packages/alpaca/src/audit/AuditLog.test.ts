import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AuditLog, canonicalJson } from './AuditLog.js';
import { verifyAuditLog } from './verifyAuditLog.js';

it('chains records across a restart, verifies, and redacts before hashing', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'qt-audit-')), 'a.jsonl');
  const a = new AuditLog({ file, redact: (t) => t.split('SECRET').join('[REDACTED]') });
  a.append('signal', { b: 1, a: 'SECRET' }, 5);
  a.append('fill', { quantity: '10', price: '101.25' }, 6);
  await a.flush();
  const b = new AuditLog({ file });
  b.append('shutdown', { positions: { AAPL: '10' } }, 7);
  await b.flush();
  const v = await verifyAuditLog(file);
  expect(v).toEqual({ ok: true, records: 3, endsWithShutdown: true });
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain('SECRET');
  expect(text.trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3]);
  expect(canonicalJson({ b: 1, a: [2, { d: 1, c: null }] })).toBe('{"a":[2,{"c":null,"d":1}],"b":1}');
});
