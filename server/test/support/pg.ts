/**
 * A throw-away PostgreSQL for tests and the benchmark: a fresh cluster in its own temp directory on
 * its own loopback port, so parallel jest workers never share one. Returns null when no PostgreSQL
 * binaries are installed (callers skip their PostgreSQL cases); throws, with the server log, when
 * they are installed but the cluster does not start.
 *
 * Root may not run PostgreSQL, so as root every server command runs as the `postgres` user via
 * `runuser` (the directory is chowned to it); as any other user the commands run directly.
 * `scripts/ensure-postgres.sh` installs the binaries on a fresh Debian machine.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isAlive } from '../../db/data-dir-lock'

export interface TestPostgres {
  /** `postgres://app@127.0.0.1:<port>/linli` (trust auth, no password). */
  url: string
  port: number
  /** The cluster's temp directory (data in `data/`, server log in `server.log`). */
  dir: string
  /** Stops the server (`pg_ctl stop -m fast`) and removes its directory. Safe to call twice. */
  stop(): Promise<void>
  /** Stops the server but keeps its data (an outage): `resume()` starts it again on the same port. */
  halt(mode?: 'fast' | 'immediate'): Promise<void>
  /** Starts a halted server again, on the same port with the same data. */
  resume(): Promise<void>
}

export interface StartPostgresOptions {
  /**
   * Extra `-c name=value` server settings, over the test defaults (`fsync=off`,
   * `synchronous_commit=off`, `full_page_writes=off`: a crash loses nothing a test needs). Pass
   * `{ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' }` for production durability.
   */
  settings?: Record<string, string | number>
  /** The database created for the url (default `linli`). */
  database?: string
}

const PREFIX = 'linli-pg-'
/** In each cluster's directory: the pid of the process that started it (for the stale sweep). */
const OWNER_FILE = 'owner.pid'
const PREFERRED_MAJOR = '15'
const ROOT = '/usr/lib/postgresql'
const USER = 'app'
const START_ATTEMPTS = 3
const COMMAND_TIMEOUT_MS = 60_000

/**
 * The directory holding `initdb` and `pg_ctl`: `$LINLI_PG_BIN` if set, else
 * /usr/lib/postgresql/15/bin, else the newest other /usr/lib/postgresql/<major>/bin; null if none.
 */
export function findPostgresBin(): string | null {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'postgres'))
  const fromEnv = process.env.LINLI_PG_BIN
  if (fromEnv) return has(fromEnv) ? fromEnv : null
  const preferred = join(ROOT, PREFERRED_MAJOR, 'bin')
  if (has(preferred)) return preferred
  let majors: string[] = []
  try {
    majors = readdirSync(ROOT).filter((name) => /^\d+$/.test(name))
  } catch {
    return null
  }
  majors.sort((a, b) => Number(b) - Number(a))
  for (const major of majors) {
    const dir = join(ROOT, major, 'bin')
    if (has(dir)) return dir
  }
  return null
}

/** Start a fresh PostgreSQL; null when the binaries (or, as root, the `postgres` user) are missing. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres | null> {
  const bin = findPostgresBin()
  if (!bin) return null
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const owner = asRoot ? postgresUser() : null
  if (asRoot && !owner) return null

  const database = options.database ?? 'linli'
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...options.settings,
  }

  sweepStale(bin, asRoot)
  const dir = await mkdtemp(join(tmpdir(), PREFIX))
  const data = join(dir, 'data')
  const log = join(dir, 'server.log')
  await writeFile(join(dir, OWNER_FILE), String(process.pid))
  // As root, PostgreSQL runs as `postgres`: give it the directory (and nothing else).
  if (owner) await chown(dir, owner.uid, owner.gid)
  await chmod(dir, 0o700)

  /** Run a PostgreSQL binary, as `postgres` when we are root; cwd is the temp dir (root's cwd may be unreadable). */
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]
    return new Promise<void>((resolve, reject) => {
      execFile(file, argv, { cwd: dir, env: pgEnv(), timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
        if (!error) return resolve()
        reject(new Error(`${tool} failed: ${error.message}\n${stdout}${stderr}${readLog(log)}`))
      })
    })
  }

  const entry: Tracked = { dir, data, bin, asRoot }
  track(entry)
  let started = false
  let port = 0
  let serverOptions = ''
  let stopped: Promise<void> | null = null
  const stop = () => {
    stopped ??= (async () => {
      untrack(entry)
      if (started) {
        try {
          await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'])
        } catch {
          stopNow(entry) // fast stop failed (already gone, or stuck): make sure nothing is left running
        }
      }
      await rm(dir, { recursive: true, force: true })
    })()
    return stopped
  }

  try {
    await run('initdb', ['-D', data, '-U', USER, '--auth=trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C'])
    // The port is free when we look and may be taken before the server binds it (another worker,
    // another program): retry with a new port, which the kernel hands out afresh.
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      serverOptions = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(' ')
      try {
        await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start'])
        started = true
        break
      } catch (error) {
        if (attempt >= START_ATTEMPTS || !/address already in use|could not create any TCP\/IP sockets/i.test(readLog(log))) throw error
      }
    }
    await run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', USER, database])
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }

  const halt = async (mode: 'fast' | 'immediate' = 'fast') => {
    await run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop'])
  }
  const resume = async () => {
    await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start'])
  }
  return { url: `postgres://${USER}@127.0.0.1:${port}/${database}`, port, dir, stop, halt, resume }
}

/**
 * A throw-away PostgreSQL handed to `use`, which owns it from then on (its teardown stops it); if
 * `use` fails, the server is stopped here and the error passed on. Throws when the binaries are
 * installed but cannot run (as root, without a `postgres` user): callers run where they are found.
 */
export async function startPostgresFor<T>(use: (pg: TestPostgres) => Promise<T>, options: StartPostgresOptions = {}): Promise<T> {
  const pg = await startPostgres(options)
  if (!pg) throw new Error('PostgreSQL binaries are installed but cannot be run here (as root, a `postgres` user is needed)')
  try {
    return await use(pg)
  } catch (error) {
    await pg.stop()
    throw error
  }
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

interface Tracked {
  dir: string
  data: string
  bin: string
  asRoot: boolean
}

/** Clusters still running in this process: stopped synchronously if the process exits without stop(). */
const running = new Set<Tracked>()
let exitHookInstalled = false

function track(entry: Tracked): void {
  running.add(entry)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const left of running) stopNow(left)
  })
}

function untrack(entry: Tracked): void {
  running.delete(entry)
}

/** Immediate shutdown and removal, synchronously (for the exit hook and failed fast stops). */
function stopNow(entry: Tracked): void {
  const pgCtl = join(entry.bin, 'pg_ctl')
  const args = ['-D', entry.data, '-m', 'immediate', '-w', '-t', '10', 'stop']
  try {
    if (existsSync(join(entry.data, 'postmaster.pid'))) {
      execFileSync(entry.asRoot ? 'runuser' : pgCtl, entry.asRoot ? ['-u', 'postgres', '--', pgCtl, ...args] : args, {
        cwd: entry.dir,
        stdio: 'ignore',
        timeout: 15_000,
      })
    }
  } catch {
    // already stopped
  }
  try {
    rmSync(entry.dir, { recursive: true, force: true })
  } catch {
    // best effort
  }
}

let swept = false

/**
 * Stop and remove clusters left by processes that died without stop() or the exit hook (SIGKILL: a
 * jest worker killed on timeout, tsx force-killing a busy script on Ctrl-C). Once per process.
 */
function sweepStale(bin: string, asRoot: boolean): void {
  if (swept) return
  swept = true
  let names: string[] = []
  try {
    names = readdirSync(tmpdir()).filter((name) => name.startsWith(PREFIX))
  } catch {
    return
  }
  for (const name of names) {
    const dir = join(tmpdir(), name)
    let owner = 0
    try {
      owner = Number.parseInt(readFileSync(join(dir, OWNER_FILE), 'utf8'), 10)
    } catch {
      continue // being created right now, or not ours
    }
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue
    stopNow({ dir, data: join(dir, 'data'), bin, asRoot })
  }
}

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null
  } catch {
    return null
  }
}

/** The environment without libpq/PostgreSQL variables that could point the tools elsewhere. */
function pgEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' }
  for (const name of Object.keys(env)) if (/^PG[A-Z]/.test(name)) delete env[name]
  return env
}

/** A port free on loopback now (for a child process that must be told its port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

function readLog(path: string): string {
  try {
    const text = readFileSync(path, 'utf8')
    return text ? `\n--- server log ---\n${text.slice(-4000)}` : ''
  } catch {
    return ''
  }
}
