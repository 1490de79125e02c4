import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Children, jsonLine, lineReader } from './child-output'

/**
 * The real `server/server.ts` in a process of its own (node --import tsx, as `npm run server`
 * runs it), for the tests of several processes (two-processes.test.ts): its JSON log lines (pino's,
 * on stdout) are collected, and it is ready once it says it listens — with LINLI_PROCESSES=N, once
 * the primary said N workers listen.
 */
export interface ServerProcess {
  baseUrl: string
  pid: number
  /** Every JSON log line so far (the primary's and its workers'), in order of arrival. */
  logs: Array<Record<string, unknown>>
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>
  /** Whether it has exited. */
  gone(): boolean
  /** Send a signal (default SIGTERM) and wait for the exit; SIGKILL after `killAfterMs` (default 20 s). */
  stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | string>
  /** The last lines of stderr and stdout (for a failure's message). */
  output(): string
}

const ROOT = join(__dirname, '../../..')
const SERVER = join(ROOT, 'server/server.ts')
const children = new Children()

/** SIGKILL every server process still running, and its workers (afterAll). */
export async function killServerProcesses(): Promise<void> {
  await children.killAll((child) => {
    try {
      // Its own process group: the cluster's workers go with it.
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  })
}

/** Wait until `ok` holds (polled every 25 ms), or fail with `what` after `timeoutMs`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export function startServerProcess(
  env: Record<string, string>,
  { port, workers = 0, readyWhen }: { port: number; workers?: number; readyWhen?: (logs: Array<Record<string, unknown>>) => boolean },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: { ...process.env, LINLI_DEMO: '', DATABASE_URL: '', LOG_LEVEL: 'info', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  children.add(child)
  const logs: Array<Record<string, unknown>> = []
  let tail = ''
  const keep = (chunk: string) => {
    tail = (tail + chunk).slice(-6000)
  }
  const readLog = lineReader((line) => {
    const log = jsonLine(line)
    if (log) logs.push(log)
  })
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    keep(chunk)
    readLog(chunk)
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', keep)
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  const gone = () => child.exitCode !== null || child.signalCode !== null
  const server: ServerProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    logs,
    exited,
    gone,
    async stop(signal = 'SIGTERM', killAfterMs = 20_000) {
      if (!gone()) child.kill(signal)
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {
          // gone
        }
      }, killAfterMs)
      const result = await exited
      clearTimeout(timer)
      return result
    },
    output: () => tail,
  }
  const ready = () =>
    readyWhen
      ? readyWhen(logs)
      : workers > 0
      ? logs.filter((l) => l.msg === 'worker listening').length >= workers
      : logs.some((l) => l.msg === 'Linli server listening')
  return until('the server to listen', () => ready() || gone(), 90_000).then(
    () => {
      if (gone()) throw new Error(`the server exited before listening:\n${tail}`)
      return server
    },
    (error: Error) => {
      throw new Error(`${error.message}\n${tail}`)
    },
  )
}
