/**
 * Several server processes on one port (LINLI_PROCESSES=N > 1, ADR 30), with node:cluster: the
 * primary opens the database, migrates and seeds the demo once, closes it, and forks N workers that
 * each serve (server.ts) on the same port — the primary accepts the connections and hands them to
 * the workers in turn. A worker that dies is replaced (a log line says which and why; a worker that
 * keeps dying waits longer each time, up to 10 s). SIGTERM or SIGINT to the primary asks every
 * worker to close (in-flight requests finish, each gives itself 10 s), and the primary exits when
 * they all have; the same signal again kills them at once. Nothing here is used with LINLI_PROCESSES=1.
 */
import cluster, { type Worker } from 'node:cluster'
import { hostname } from 'node:os'
import type { ServerConfig } from './config'
import { createDatabase, type Database } from './db'

const SHUTDOWN = 'linli:shutdown'
/** The primary waits this long for its workers to close (each gives itself 10 s) before it kills them. */
const STOP_WAIT_MS = 12_000
const MAX_RESTART_DELAY_MS = 10_000
/** A worker that ran this long before dying counts as healthy: its replacement starts at once. */
const HEALTHY_MS = 30_000

/** The primary's log lines, in the shape of the workers' (pino's JSON: level, time, pid, hostname, msg). */
function logLine(level: 'info' | 'warn' | 'error', details: Record<string, unknown>, msg: string): void {
  const line = { level: { info: 30, warn: 40, error: 50 }[level], time: Date.now(), pid: process.pid, hostname: hostname(), role: 'primary', ...details, msg }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

export async function runPrimary(config: ServerConfig, prepare: (db: Database, config: ServerConfig) => Promise<{ applied: string[]; seeded: boolean }>): Promise<void> {
  const db = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let prepared: { applied: string[]; seeded: boolean }
  try {
    prepared = await prepare(db, config)
  } finally {
    await db.close()
  }

  let closing = false
  let everListened = false
  let quickDeaths = 0
  const startedAt = new Map<Worker, number>()
  /** Workers that listen: told to close over IPC. One still starting has nothing in flight (and may not hear IPC yet): SIGTERM. */
  const listening = new Set<Worker>()
  const fork = () => {
    const worker = cluster.fork()
    startedAt.set(worker, Date.now())
  }
  cluster.on('listening', (worker) => {
    everListened = true
    listening.add(worker)
    logLine('info', { worker: worker.id, workerPid: worker.process.pid, port: config.port }, 'worker listening')
  })
  cluster.on('exit', (worker, code, signal) => {
    const ranMs = Date.now() - (startedAt.get(worker) ?? Date.now())
    startedAt.delete(worker)
    listening.delete(worker)
    if (closing) {
      logLine('info', { worker: worker.id, workerPid: worker.process.pid, code, signal }, 'worker closed')
      if (Object.keys(cluster.workers ?? {}).length === 0) finish()
      return
    }
    if (!everListened) {
      // Not one worker came up (a port taken, the database refusing): no point in trying forever.
      logLine('error', { worker: worker.id, code, signal }, 'a worker exited before any listened: stopping')
      closing = true
      for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGKILL')
      process.exitCode = 1
      if (Object.keys(cluster.workers ?? {}).length === 0) finish()
      return
    }
    quickDeaths = ranMs < HEALTHY_MS ? quickDeaths + 1 : 0
    const delayMs = quickDeaths <= 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** (quickDeaths - 2))
    logLine('error', { worker: worker.id, workerPid: worker.process.pid, code, signal, ranMs, restartInMs: delayMs }, 'worker died: starting another')
    setTimeout(() => {
      if (!closing) fork()
    }, delayMs)
  })

  let finished = false
  const finish = () => {
    if (finished) return
    finished = true
    logLine('info', {}, 'all workers closed')
    process.exit(process.exitCode ?? 0)
  }
  const shutdown = (signal: string) => {
    if (closing) {
      logLine('warn', {}, `${signal} again: killing the workers now`)
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }
    closing = true
    logLine('info', { workers: Object.keys(cluster.workers ?? {}).length }, `${signal}: closing the workers (in-flight requests finish first)`)
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker) continue
      if (listening.has(worker)) worker.send(SHUTDOWN)
      else worker.process.kill('SIGTERM')
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) finish()
    const force = setTimeout(() => {
      logLine('error', {}, 'workers still closing after 12 s: killing them')
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exitCode = 1
    }, STOP_WAIT_MS)
    force.unref()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))

  logLine('info', { db: 'postgres', migrationsApplied: prepared.applied, processes: config.processes }, 'database ready: forking the workers')
  if (prepared.seeded) logLine('info', {}, 'demo community 映月社区 seeded')
  for (let i = 0; i < config.processes; i++) fork()
}

/** In a worker: `close` is called when the primary asks it to close, or is gone (its channel closed). */
export function workerShutdownRequests(close: (why: string) => void): void {
  process.on('message', (message) => {
    if (message === SHUTDOWN) close('the primary')
  })
  process.once('disconnect', () => close('the primary is gone'))
}
