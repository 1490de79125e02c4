/**
 * The one database port of the server: plain SQL with `$1` parameters, the same on embedded PGlite and
 * on PostgreSQL. Code that runs inside a transaction receives the transaction's handle and must use
 * it for every statement: PGlite has a single connection, so a statement on the outer handle would
 * wait for the transaction that is waiting for it (a deadlock).
 */
export type Row = Record<string, unknown>

export interface Queryable {
  /** Run one statement and return its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** Run a script of several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>
  /** Run `fn` in one transaction (READ COMMITTED): committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>
}

/**
 * The database cannot be reached right now (PostgreSQL stopped, restarting, or the network to it
 * gone): the request may succeed later, so the server answers 503 with Retry-After, not 500.
 */
export class DatabaseUnavailableError extends Error {
  /** The driver's own error (not `cause`: the app's compiler knows no ES2022 Error). */
  readonly original: unknown

  constructor(cause: unknown) {
    const message = (cause as { message?: unknown } | null)?.message
    super(`database unavailable: ${typeof message === 'string' ? message : String(cause)}`)
    this.name = 'DatabaseUnavailableError'
    this.original = cause
  }
}

/** Socket errors of a connection that is lost, refused or never made. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
/**
 * SQLSTATEs of a server that is going away or not there yet: connection exceptions (class 08),
 * admin_shutdown (57P01, also pg_terminate_backend), crash_shutdown (57P02), cannot_connect_now
 * (57P03: starting up or shutting down), idle_session_timeout (57P05), too_many_connections (53300).
 */
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '57P05', '53300'])
/** What node-postgres and its pool say when a connection ends, is unusable, or cannot be had in time. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
]

/** Whether `error` says the database is out of reach (worth a 503 and a later try), not that a statement is wrong. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true
  // Duck-typed: errors of Node's sockets may come from another realm (jest's sandbox) than `Error`.
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SERVER_GONE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
  return typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))
}

/**
 * Run several statements as one unit: in a transaction of their own when `q` is the database, in
 * the caller's transaction when it is one already.
 */
export function inOneUnit<T>(q: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = q as Partial<Database>
  return typeof db.transaction === 'function' ? db.transaction(work) : work(q)
}
