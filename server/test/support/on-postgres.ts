import { findPostgresBin } from './pg'

/**
 * A test file's PostgreSQL blocks: defined where PostgreSQL's binaries are installed. In CI
 * (CI=true) without them, a test that fails saying how to install them; elsewhere a warning and a
 * skipped placeholder, so a laptop without PostgreSQL still runs the PGlite half.
 */
export function onPostgres(what: string, define: () => void): void {
  if (findPostgresBin()) return define()
  if (process.env.CI === 'true') {
    describe(`${what} on PostgreSQL`, () => {
      it('needs PostgreSQL in CI', () => {
        throw new Error('PostgreSQL binaries not found (/usr/lib/postgresql/<major>/bin or $LINLI_PG_BIN): run scripts/ensure-postgres.sh')
      })
    })
    return
  }
  console.warn(`PostgreSQL is not installed: ${what} runs on PGlite only (scripts/ensure-postgres.sh installs it; CI requires it).`)
  describe.skip(`${what} on PostgreSQL (PostgreSQL not installed)`, () => {
    it('runs where PostgreSQL is installed', () => undefined)
  })
}

/** `describe(name, fn)` where PostgreSQL is installed, as `onPostgres` says. */
export function describeOnPostgres(name: string, fn: () => void): void {
  onPostgres(name, () => describe(name, fn))
}

/** `it(name, fn, timeout)` where PostgreSQL is installed, as `onPostgres` says. */
export function itOnPostgres(name: string, fn: () => Promise<void>, timeout?: number): void {
  onPostgres(name, () => it(name, fn, timeout))
}
