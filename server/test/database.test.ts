import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, DataDirInUseError, loadMigrations, migrate, type Database } from '../db'
import { lockDataDir } from '../db/data-dir-lock'
import { freshDatabase } from './support/database'
import { describeOnPostgres } from './support/on-postgres'
import { startPostgres, type TestPostgres } from './support/pg'

jest.setTimeout(30_000)

describe('migrations', () => {
  it('apply once, in order, and record themselves; a second run applies nothing', async () => {
    const db = await freshDatabase({ migrated: false })
    try {
      const applied = await migrate(db)
      expect(applied).toEqual(loadMigrations().map((m) => m.version))
      expect(await migrate(db)).toEqual([])
      const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')
      expect(rows.map((r) => r.version)).toEqual(applied)
    } finally {
      await db.close()
    }
  })

  it('survive two servers starting at once (advisory lock)', async () => {
    const db = await freshDatabase({ migrated: false })
    try {
      const [a, b] = await Promise.all([migrate(db), migrate(db)])
      expect([...a, ...b].sort()).toEqual(loadMigrations().map((m) => m.version))
    } finally {
      await db.close()
    }
  })

  it('are named NNNN_words.sql and use nothing PostgreSQL 15 lacks', () => {
    for (const m of loadMigrations()) {
      expect(m.version).toMatch(/^\d{4}_[a-z0-9_]+$/)
      expect(m.sql).not.toMatch(/uuidv7|gen_random_uuid|MERGE\s+INTO|JSON_TABLE/i)
    }
  })
})

describe('the driver', () => {
  it('returns counts as numbers and arrays, json and timestamps as values', async () => {
    const db = await freshDatabase()
    try {
      const [row] = await db.query<{ n: number; big: number; arr: string[]; j: { a: number }; t: string }>(
        `SELECT count(*)::int AS n, 9007199254740::bigint AS big, ARRAY['a','b']::text[] AS arr, '{"a":1}'::jsonb AS j, '2026-11-21T08:00:00.000Z'::timestamptz AS t`,
      )
      expect(row.n).toBe(1)
      expect(row.big).toBe(9007199254740)
      expect(row.arr).toEqual(['a', 'b'])
      expect(row.j).toEqual({ a: 1 })
      expect(row.t).toBe('2026-11-21T08:00:00.000Z')
    } finally {
      await db.close()
    }
  })

  it('hands timestamps over as the domain’s instants, exactly as toISOString writes them', async () => {
    const db = await freshDatabase()
    try {
      const instants = [
        '2026-11-21T08:00:00.000Z',
        '2026-11-21T08:00:00.500Z',
        '2026-11-21T08:00:00.050Z',
        '2026-11-21T08:00:00.005Z',
        '2026-11-21T15:59:59.999Z', // 23:59:59.999 in China
        '2028-02-29T16:00:00.001Z', // 1 March in China, a leap year
        '1999-12-31T23:59:59.990Z',
      ]
      for (const value of instants) {
        const [row] = await db.query<{ t: string }>('SELECT $1::timestamptz AS t', [value])
        expect(row.t).toBe(value)
      }
      // Whatever offset a value was written with, and in a session set to China time, it comes back in UTC.
      await db.transaction(async (tx) => {
        await tx.exec("SET LOCAL TimeZone = 'Asia/Shanghai'")
        const [row] = await tx.query<{ t: string }>("SELECT '2026-11-21 16:30:00.25+08'::timestamptz AS t")
        expect(row.t).toBe('2026-11-21T08:30:00.250Z')
      })
      const [row] = await db.query<{ t: string }>("SELECT '2026-11-21 16:30:00.25+08'::timestamptz AS t")
      expect(row.t).toBe('2026-11-21T08:30:00.250Z')
    } finally {
      await db.close()
    }
  })

  it('rolls a transaction back when it throws, and commits when it returns', async () => {
    const db = await freshDatabase()
    try {
      await db.exec("INSERT INTO streets (id, name, district) VALUES ('s-t', '街道', 'd'); INSERT INTO communities (id, name, kind, district, street_id, join_code, report_prefix) VALUES ('c-t', 't', 'community', 'd', 's-t', 'TTTT22', 'T')")
      await expect(
        db.transaction(async (tx) => {
          await tx.query("UPDATE communities SET name = 'changed' WHERE id = 'c-t'")
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect((await db.query<{ name: string }>("SELECT name FROM communities WHERE id = 'c-t'"))[0].name).toBe('t')
      await db.transaction((tx) => tx.query("UPDATE communities SET name = 'kept' WHERE id = 'c-t'"))
      expect((await db.query<{ name: string }>("SELECT name FROM communities WHERE id = 'c-t'"))[0].name).toBe('kept')
    } finally {
      await db.close()
    }
  })
})

describe('the PGlite data directory', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linli-data-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps data across restarts', async () => {
    const first = await createDatabase({ dataDir: dir })
    await migrate(first)
    await first.exec("INSERT INTO streets (id, name, district) VALUES ('s-p', '街道', 'd'); INSERT INTO communities (id, name, kind, district, street_id, join_code, report_prefix) VALUES ('c-p', '持久', 'community', 'd', 's-p', 'PPPP22', 'P')")
    await first.close()
    const second = await createDatabase({ dataDir: dir })
    expect(await migrate(second)).toEqual([])
    expect((await second.query<{ name: string }>("SELECT name FROM communities WHERE id = 'c-p'"))[0].name).toBe('持久')
    await second.close()
  })

  it('is locked to one process, with a clear error for the second', async () => {
    const lockFile = join(dir, 'pg.lock')
    // Another live process holds it (our parent is certainly alive).
    writeFileSync(lockFile, String(process.ppid))
    const error = await createDatabase({ dataDir: dir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataDirInUseError)
    expect((error as Error).message).toContain(`pid ${process.ppid}`)
    expect((error as Error).message).toContain('LINLI_DATA_DIR')
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid))
  })

  it('takes over a lock left by a process that is gone, and releases it on close', async () => {
    const lockFile = join(dir, 'pg.lock')
    writeFileSync(lockFile, '999999999')
    const db = await createDatabase({ dataDir: dir })
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid))
    await db.close()
    expect(() => readFileSync(lockFile)).toThrow()
  })

  it('refuses a second lock in the same process too', () => {
    const release = lockDataDir(join(dir, 'x.lock'))
    try {
      // Our own pid is alive: a second server in this process would corrupt the directory as well.
      expect(() => lockDataDir(join(dir, 'x.lock'))).toThrow(DataDirInUseError)
    } finally {
      release()
    }
  })
})

/**
 * The PostgreSQL driver on a throw-away cluster of its own (the rest of this file runs on PGlite
 * unless LINLI_TEST_DATABASE_URL is set). Required in CI (CI=true), skipped with a warning elsewhere.
 */
describeOnPostgres('the PostgreSQL driver', () => {
  let pg: TestPostgres
  let db: Database
  beforeAll(async () => {
    const started = await startPostgres()
    if (!started) throw new Error('PostgreSQL binaries are installed but cannot be run here (as root, a `postgres` user is needed)')
    pg = started
    db = await createDatabase({ databaseUrl: pg.url })
  }, 90_000)
  afterAll(async () => {
    await db?.close()
    await pg?.stop()
  })

  it('parses and plans a statement once per connection, then only binds and runs it', async () => {
    const sql = 'SELECT $1::text AS echo'
    const { prepared, echoes } = await db.transaction(async (tx) => {
      const echoes: string[] = []
      for (const word of ['一', '二', '三']) echoes.push((await tx.query<{ echo: string }>(sql, [word]))[0].echo)
      const prepared = await tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')
      return { prepared, echoes }
    })
    expect(echoes).toEqual(['一', '二', '三'])
    expect(prepared.filter((p) => p.statement === sql)).toHaveLength(1)
  })

  it('runs each named statement on its generic plan, planned once per connection (ADR 38)', async () => {
    const sql = 'SELECT count(*)::int AS n FROM pg_class WHERE relname = $1'
    const { settings, plans } = await db.transaction(async (tx) => {
      for (const name of ['pg_class', 'pg_type', 'pg_proc', 'pg_attribute', 'pg_index', 'pg_am', 'pg_namespace']) await tx.query(sql, [name])
      const settings = await tx.query<{ mode: string }>("SELECT current_setting('plan_cache_mode') AS mode")
      const plans = await tx.query<{ generic: number; custom: number }>('SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1', [sql])
      return { settings, plans }
    })
    expect(settings).toEqual([{ mode: 'force_generic_plan' }])
    expect(plans).toEqual([{ generic: 7, custom: 0 }])
  })

  it('hands timestamps over as UTC instants whatever the database’s own time zone', async () => {
    await db.exec("ALTER DATABASE linli SET TimeZone = 'Asia/Shanghai'")
    const fresh = await createDatabase({ databaseUrl: pg.url })
    try {
      const [row] = await fresh.query<{ t: string; zone: string }>("SELECT '2026-11-22 00:30:00.2+08'::timestamptz AS t, current_setting('TimeZone') AS zone")
      expect(row).toEqual({ t: '2026-11-21T16:30:00.200Z', zone: 'UTC' })
    } finally {
      await fresh.close()
    }
  })
})
