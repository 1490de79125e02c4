import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, DataDirInUseError, loadMigrations, migrate } from '../db'
import { lockDataDir } from '../db/data-dir-lock'
import { freshDatabase } from './support/database'

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
      const [row] = await db.query<{ n: number; big: number; arr: string[]; j: { a: number }; t: Date }>(
        `SELECT count(*)::int AS n, 9007199254740::bigint AS big, ARRAY['a','b']::text[] AS arr, '{"a":1}'::jsonb AS j, '2026-11-21T08:00:00.000Z'::timestamptz AS t`,
      )
      expect(row.n).toBe(1)
      expect(row.big).toBe(9007199254740)
      expect(row.arr).toEqual(['a', 'b'])
      expect(row.j).toEqual({ a: 1 })
      expect(new Date(row.t).toISOString()).toBe('2026-11-21T08:00:00.000Z')
    } finally {
      await db.close()
    }
  })

  it('rolls a transaction back when it throws, and commits when it returns', async () => {
    const db = await freshDatabase()
    try {
      await db.exec("INSERT INTO communities (id, name, kind, district, report_prefix) VALUES ('c-t', 't', 'community', 'd', 'T')")
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
    await first.exec("INSERT INTO communities (id, name, kind, district, report_prefix) VALUES ('c-p', '持久', 'community', 'd', 'P')")
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
