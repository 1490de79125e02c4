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
 * Run several statements as one unit: in a transaction of their own when `q` is the database, in
 * the caller's transaction when it is one already.
 */
export function inOneUnit<T>(q: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = q as Partial<Database>
  return typeof db.transaction === 'function' ? db.transaction(work) : work(q)
}
