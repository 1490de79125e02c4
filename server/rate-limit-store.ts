import type { Queryable } from './db/driver'

/**
 * @fastify/rate-limit's `store` on PostgreSQL (ADR 30): the windows of every server process in one
 * table (rate_limits, migration 0014), so a limit holds across processes and machines, not per
 * process. One upsert per limited request: it opens a window, counts in the open one, or starts the
 * next once the window ended — all by the database's clock, the same for every process. The plugin
 * answers 429 once `current` passes the route's max. Only the plugin's fixed windows are kept
 * (our routes use neither `continueExceeding` nor `exponentialBackoff`). On PGlite (one process)
 * the plugin's own in-memory store stays.
 *
 * A statement that fails (the database away) fails the request as any other would (503): the
 * limit is never silently off.
 */

interface Result {
  current: number
  ttl: number
}

/** The part of the plugin's route options a store's `child` reads. */
interface RouteInfo {
  routeInfo?: { method?: string | string[]; url?: string }
  timeWindow?: unknown
}

const UPSERT = `
  INSERT INTO rate_limits AS r (key, hits, window_start, window_end)
  VALUES ($1, 1, now(), now() + make_interval(secs => $2::double precision / 1000))
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.window_end <= now() THEN 1 ELSE r.hits + 1 END,
    window_start = CASE WHEN r.window_end <= now() THEN now() ELSE r.window_start END,
    window_end = CASE WHEN r.window_end <= now() THEN now() + make_interval(secs => $2::double precision / 1000) ELSE r.window_end END
  RETURNING hits, GREATEST(0, (extract(epoch FROM r.window_end - now()) * 1000))::float8 AS ttl`

/** The store class the plugin instantiates (`new Store(globalOptions)`), bound to `db`. */
export function postgresRateLimitStore(db: Queryable) {
  class PostgresRateLimitStore {
    constructor(
      _options?: unknown,
      /** Whose windows: the route (method and URL), before the person's key. */
      private readonly prefix = '',
      /** The route's window, when the plugin does not pass it to `incr` (its typings do not say it does; 10.x does). */
      private readonly windowMs = 60_000,
    ) {}

    incr(key: string, callback: (error: Error | null, result?: Result) => void, timeWindow?: number): void {
      const windowMs = typeof timeWindow === 'number' && timeWindow > 0 ? timeWindow : this.windowMs
      db.query<{ hits: number; ttl: number }>(UPSERT, [`${this.prefix}${key}`, windowMs]).then(
        ([row]) => callback(null, { current: row.hits, ttl: Math.round(row.ttl) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    child(options: object): PostgresRateLimitStore {
      const routeOptions = options as RouteInfo
      const method = [routeOptions.routeInfo?.method ?? ''].flat().join(',')
      const windowMs = typeof routeOptions.timeWindow === 'number' && routeOptions.timeWindow > 0 ? routeOptions.timeWindow : this.windowMs
      return new PostgresRateLimitStore(undefined, `${method} ${routeOptions.routeInfo?.url ?? ''}|`, windowMs)
    }
  }
  return PostgresRateLimitStore
}
