import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlanApp, type PlanApp } from './plan-app.js';

let dir: string;
let app: PlanApp;
let base: string;

async function start(busyTimeoutMs?: number): Promise<void> {
  app = await createPlanApp({
    file: join(dir, 'plan.db'),
    ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-actor': 'j.smith', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const landCharges = {
  code: 'DEM1518_02',
  effectiveOn: '2019-04-01',
  title: 'Transfer of Land Charges function to Land Registry',
  plan: 'Resources Business Plan 2019-22',
  directorate: 'Resources',
  section: 'Administrative Services',
  dueDate: '2019-06-30',
  statusKey: 'pentana',
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perfledger-example-embedding-'));
  await start();
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/embedding: perfledger behind node:http', () => {
  it('records updates and serves the quarter report and the due date story', async () => {
    expect(await call('POST', '/actions', landCharges)).toMatchObject({
      status: 201,
      json: { code: 'DEM1518_02', position: 1 },
    });
    expect(
      await call('POST', '/actions/DEM1518_02/progress', { effectiveOn: '2019-06-30', percentComplete: 5 }),
    ).toMatchObject({ status: 200, json: { events: 1 } });
    expect(
      await call('POST', '/actions/DEM1518_02/due-date', {
        effectiveOn: '2019-07-18',
        to: '2020-12-31',
        reason: 'Land Registry migration rescheduled',
        approver: 'Policy and Performance Committee',
      }),
    ).toMatchObject({ status: 200, json: { events: 1, position: 3 } });

    const q2 = await call('GET', '/reports/quarter?fy=2019/20&quarter=2');
    expect(q2.status).toBe(200);
    expect(q2.json).toMatchObject({
      fy: '2019/20',
      quarter: 2,
      total: 1,
      basis: { kind: 'now', position: 3 },
      items: [
        { code: 'DEM1518_02', dueDate: '2020-12-31', originalDueDate: '2019-06-30', percentComplete: 5 },
      ],
    });
    // At the end of Q1 the revision (effective 18 July) had not taken effect: the original due date stands.
    const q1 = await call('GET', '/reports/quarter?fy=2019/20&quarter=1');
    expect(q1.json).toMatchObject({ items: [{ dueDate: '2019-06-30', derivedStatus: 'Warning' }] });

    const story = await call('GET', '/actions/DEM1518_02/explain');
    expect(story.status).toBe(200);
    expect(story.json).toMatchObject({
      code: 'DEM1518_02',
      field: 'dueDate',
      current: '2020-12-31',
      changes: [
        { before: '2019-06-30', after: '2020-12-31', actor: 'j.smith', source: 'http', daysMoved: 550 },
      ],
    });
    expect(String(story.json.text)).toContain('moved from 30 Jun 2019 to 31 Dec 2020');

    const state = await call('GET', '/actions/DEM1518_02');
    expect(state.json).toMatchObject({ dueDate: '2020-12-31', percentComplete: 5 });
  });

  it('maps perfledger error codes to HTTP statuses with a JSON error body', async () => {
    // 400: the ledger's own validation, every issue listed
    const invalid = await call('POST', '/actions/DEM1518_02/progress', { percentComplete: 140 });
    expect(invalid).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION_FAILED' } } });
    expect((invalid.json.error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    expect(await call('POST', '/actions', '{ not json')).toMatchObject({
      status: 400,
      json: { error: { code: 'BAD_JSON' } },
    });
    expect(await call('GET', '/reports/quarter?fy=2019/20&quarter=5')).toMatchObject({
      status: 400,
      json: { error: { code: 'VALIDATION_FAILED' } },
    });

    // 404: an action never registered
    expect(await call('POST', '/actions/NOPE_01/progress', { percentComplete: 5 })).toMatchObject({
      status: 404,
      json: { error: { code: 'UNKNOWN_ACTION' } },
    });
    expect(await call('GET', '/actions/NOPE_01/explain')).toMatchObject({ status: 404 });
    expect(await call('GET', '/nowhere')).toMatchObject({
      status: 404,
      json: { error: { code: 'NOT_FOUND' } },
    });

    // 409: well formed, but refused by a rule
    await call('POST', '/actions', landCharges);
    expect(await call('POST', '/actions', landCharges)).toMatchObject({
      status: 409,
      json: { error: { code: 'RULE_VIOLATION', rule: 'ACTION_ALREADY_REGISTERED' } },
    });
    expect(
      await call('POST', '/actions/DEM1518_02/due-date', {
        effectiveOn: '2019-05-01',
        to: '2019-06-30',
        reason: 'x',
      }),
    ).toMatchObject({ status: 409, json: { error: { rule: 'DUE_DATE_UNCHANGED' } } });
  });

  it('answers 503 with Retry-After when another writer holds the lock past the busy timeout', async () => {
    await app.close();
    await start(50);
    await call('POST', '/actions', landCharges);
    const other = new Database(join(dir, 'plan.db'));
    try {
      other.exec('BEGIN IMMEDIATE'); // another process is writing
      const response = await fetch(`${base}/actions/DEM1518_02/progress`, {
        method: 'POST',
        body: JSON.stringify({ effectiveOn: '2019-06-30', percentComplete: 5 }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ error: { code: 'LEDGER_BUSY' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Once the lock is released the same request succeeds.
    expect(
      await call('POST', '/actions/DEM1518_02/progress', { effectiveOn: '2019-06-30', percentComplete: 5 }),
    ).toMatchObject({ status: 200, json: { events: 1 } });
  });

  it('catches the projections up when another process wrote without running them', async () => {
    await call('POST', '/actions', landCharges);
    const other = await openLedger({ file: join(dir, 'plan.db') }); // no projections: the tables fall behind
    try {
      await other.execute({
        type: 'UpdateProgress',
        code: 'DEM1518_02',
        effectiveOn: '2019-06-30',
        percentComplete: 40,
      });
    } finally {
      await other.close();
    }
    const q1 = await call('GET', '/reports/quarter?fy=2019/20&quarter=1');
    expect(q1).toMatchObject({
      status: 200,
      json: { basis: { position: 2 }, items: [{ percentComplete: 40 }] },
    });
  });

  it('makes a retried POST with the same Idempotency-Key safe', async () => {
    await call('POST', '/actions', landCharges);
    const update = { effectiveOn: '2019-06-30', percentComplete: 5 };
    const first = await call('POST', '/actions/DEM1518_02/progress', update, { 'idempotency-key': 'a1' });
    const retry = await call('POST', '/actions/DEM1518_02/progress', update, { 'idempotency-key': 'a1' });
    expect(first.json).toMatchObject({ replayed: false, position: 2 });
    expect(retry.json).toMatchObject({ replayed: true, position: 2 });
  });
});
