import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { auditTrailProjection, explain, isAuditField } from '@perfledger/audit-trail';
import {
  type CommandInput,
  type EventMetadata,
  type Ledger,
  LedgerError,
  RuleViolationError,
  ValidationError,
} from '@perfledger/core';
import { quarterEndProjection, quarterEndView } from '@perfledger/quarter-end';
import { slippageProjection } from '@perfledger/slippage';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import { httpStatusOf } from './http-status-of.js';

/**
 * How to start the app.
 *
 * @example
 * ```ts
 * const options: PlanAppOptions = { file: 'plan.db', busyTimeoutMs: 2_000 };
 * ```
 */
export interface PlanAppOptions {
  /** The ledger's SQLite file; created on first use. */
  readonly file: string;
  /** How long a write waits for another process's lock before answering 503; 5 s by default. */
  readonly busyTimeoutMs?: number;
}

/**
 * The running app: an unstarted `node:http` server over one ledger file.
 *
 * @example
 * ```ts
 * const app: PlanApp = await createPlanApp({ file: 'plan.db' });
 * app.server.listen(8080);
 * ```
 */
export interface PlanApp {
  readonly server: Server;
  /** Stops accepting requests, then closes both ledger handles. */
  close(): Promise<void>;
}

/** A reply: a status and a JSON body. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The projections the CLI keeps too, so that either can write to the file and both can read. */
const PROJECTIONS = [quarterEndProjection, slippageProjection, auditTrailProjection];

/** A request the app itself refuses (a route that does not exist, a body that is not JSON). */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1_000_000;

/**
 * A small plan-tracking API on `node:http`, with no framework:
 *
 * - `POST /actions` registers an action (the body is a `RegisterAction` command without `type`);
 * - `POST /actions/:code/progress` records % complete (`{ percentComplete, effectiveOn? }`);
 * - `POST /actions/:code/due-date` revises the due date (`{ to, reason, approver?, effectiveOn? }`);
 * - `GET /actions/:code` is the action's current state;
 * - `GET /reports/quarter?fy=2023/24&quarter=3[&knownAt=ISO]` is the quarter-end view;
 * - `GET /actions/:code/explain[?field=dueDate]` tells the story of one field.
 *
 * Writes go through one read-write handle whose projections run inline, so a report read right
 * after a write already includes it. Reports read through a second, read-only handle: nothing a
 * GET does can change the file; when another process wrote without projecting, the writer
 * catches the projections up before the report is read. The `X-Actor` header is recorded on every event, and an
 * `Idempotency-Key` header makes a retried POST safe. Errors are JSON
 * `{ error: { code, message, issues?, rule? } }` with the status {@link httpStatusOf} gives.
 *
 * @example
 * ```ts
 * const app = await createPlanApp({ file: 'plan.db' });
 * app.server.listen(8080, '127.0.0.1');
 * // later
 * await app.close();
 * ```
 */
export async function createPlanApp(options: PlanAppOptions): Promise<PlanApp> {
  // Opening the writer creates the projections' tables, or catches them up; then every append
  // applies them in its own transaction.
  const writer = await openLedger({
    file: options.file,
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
    projections: PROJECTIONS,
  });
  let reader: Ledger;
  try {
    reader = await openReadonlyLedger(options.file, { projections: PROJECTIONS });
  } catch (error) {
    await writer.close();
    throw error;
  }
  const readOnly = reader;

  /**
   * Runs a query on the read-only handle. If another process appended without running the
   * projections, they are behind and the query refuses (PROJECTION_NOT_READY) rather than answer
   * from stale tables: catch them up through the writer, once, and ask again.
   */
  const query = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof LedgerError && error.code === 'PROJECTION_NOT_READY')) throw error;
      await writer.projections.catchUp();
      return read();
    }
  };

  const route = async (request: IncomingMessage): Promise<Reply> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method ?? 'GET';
    const [resource, code, action] = parts;

    if (resource === 'actions' && code === undefined && method === 'POST') {
      const body = await readJsonObject(request);
      const result = await writer.execute(
        { ...body, type: 'RegisterAction' } as CommandInput,
        metadataOf(request),
      );
      const registered = String(body.code);
      return {
        status: result.replayed ? 200 : 201,
        headers: { location: `/actions/${encodeURIComponent(registered)}` },
        body: { code: registered, position: result.lastPosition, replayed: result.replayed },
      };
    }
    if (resource === 'actions' && code !== undefined && parts.length === 3 && method === 'POST') {
      const type = action === 'progress' ? 'UpdateProgress' : action === 'due-date' ? 'ReviseDueDate' : null;
      if (type === null) throw notFound(url.pathname);
      const body = await readJsonObject(request);
      const result = await writer.execute({ ...body, type, code } as CommandInput, metadataOf(request));
      return {
        status: 200,
        body: {
          code,
          events: result.events.length,
          position: result.lastPosition,
          replayed: result.replayed,
        },
      };
    }
    if (resource === 'actions' && code !== undefined && parts.length === 2 && method === 'GET') {
      const state = await readOnly.getAction(code);
      if (state === undefined) throw new HttpError(404, 'UNKNOWN_ACTION', `No action with code '${code}'.`);
      return { status: 200, body: state };
    }
    if (resource === 'actions' && code !== undefined && action === 'explain' && method === 'GET') {
      const field = url.searchParams.get('field') ?? 'dueDate';
      if (!isAuditField(field)) {
        throw new ValidationError(`'${field}' is not a field of an action.`, [
          { path: ['field'], message: 'must be an audit field such as dueDate or percentComplete' },
        ]);
      }
      return { status: 200, body: await query(() => explain(readOnly, code, { field })) };
    }
    if (resource === 'reports' && code === 'quarter' && parts.length === 2 && method === 'GET') {
      const knownAt = url.searchParams.get('knownAt');
      const view = await query(() =>
        quarterEndView(readOnly, {
          fy: url.searchParams.get('fy') ?? '',
          quarter: Number(url.searchParams.get('quarter')),
          ...(knownAt === null ? {} : { knownAt }),
        }),
      );
      return { status: 200, body: view };
    }
    throw notFound(url.pathname);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    route(request)
      .catch(errorReply)
      .then((reply) => send(response, reply));
  });

  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await readOnly.close();
      await writer.close();
    },
  };
}

/** Who and how: the actor named by the client, and its retry key, recorded with the events. */
function metadataOf(request: IncomingMessage): EventMetadata {
  const actor = request.headers['x-actor'];
  const key = request.headers['idempotency-key'];
  return {
    source: 'http',
    ...(typeof actor === 'string' && actor.trim() !== '' ? { actor: actor.trim() } : {}),
    ...(typeof key === 'string' && key.trim() !== '' ? { idempotencyKey: `http:${key.trim()}` } : {}),
  };
}

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'BODY_TOO_LARGE', 'The body is larger than 1 MB.');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'The body is not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'BAD_JSON', 'The body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

function notFound(path: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', `No route for ${path}.`);
}

function errorReply(error: unknown): Reply {
  if (error instanceof HttpError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  if (error instanceof LedgerError) {
    const status = httpStatusOf(error);
    return {
      status,
      ...(status === 503 ? { headers: { 'retry-after': '1' } } : {}),
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error instanceof ValidationError ? { issues: error.issues } : {}),
          ...(error instanceof RuleViolationError ? { rule: error.rule } : {}),
        },
      },
    };
  }
  // A bug, not a bad request: say so without leaking internals.
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error.' } } };
}

function send(response: ServerResponse, reply: Reply): void {
  const body = `${JSON.stringify(reply.body, null, 2)}\n`;
  response.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...reply.headers,
  });
  response.end(body);
}
