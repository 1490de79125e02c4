import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Children, jsonLine, lineReader } from './child-output'

/** A reference server process on a test clock (./jobs-server.ts). */
export interface JobsServer {
  baseUrl: string
  pid: number
  /** Its JSON log lines so far (stderr). */
  logs: Array<Record<string, unknown>>
  /** Move its clock to `at`; resolves once the new time holds. */
  setClock(at: Date): Promise<void>
  /** SIGKILL, as a crash or a pulled plug: nothing is closed, leases stay held. */
  kill(): Promise<void>
  /** A graceful close (stdin ends: in-flight work finishes, the database closes). */
  stop(): Promise<void>
}

const ROOT = join(__dirname, '../../..')
const SCRIPT = join(__dirname, 'jobs-server.ts')
/** Every process started and not yet gone, so a test that fails half-way leaves none behind. */
const children = new Children()

/** SIGKILL every jobs server still running (afterAll). */
export async function killJobsServers(): Promise<void> {
  await children.killAll()
}

/** Start ./jobs-server.ts with `env` on top of this process's environment, its clock at `clockAt`. */
export function startJobsServer(env: Record<string, string>, clockAt: Date): Promise<JobsServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, LINLI_DEMO: '', DATABASE_URL: '', ...env, LINLI_TEST_CLOCK_AT: clockAt.toISOString() },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  children.add(child)
  const logs: Array<Record<string, unknown>> = []
  let stderr = ''
  // A line that is not a log (a stack trace) is kept in `stderr` only, for the failure message.
  const readLog = lineReader((line) => {
    const log = jsonLine(line)
    if (log) logs.push(log)
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000)
    readLog(chunk)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const gone = () => child.exitCode !== null || child.signalCode !== null
  const clockAnswers: Array<() => void> = []

  const server = (port: number): JobsServer => ({
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    logs,
    setClock: (at) =>
      new Promise<void>((resolve, reject) => {
        if (gone()) return reject(new Error('setClock: the server has exited'))
        clockAnswers.push(resolve)
        child.stdin.write(`set ${at.toISOString()}\n`)
      }),
    async kill() {
      if (!gone()) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (gone()) return
      child.stdin.end()
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  })

  return new Promise<JobsServer>((resolve, reject) => {
    let started = false
    const fail = (why: string) => {
      clearTimeout(timer)
      if (!gone()) child.kill('SIGKILL')
      reject(new Error(`jobs server did not start: ${why}\n--- its stderr ---\n${stderr}`))
    }
    const timer = setTimeout(() => fail('timed out'), 60_000)
    child.once('error', (error) => fail(error.message))
    void exited.then(() => {
      if (!started) fail(`exited with ${child.exitCode ?? child.signalCode}`)
    })
    child.stdout.setEncoding('utf8')
    child.stdout.on(
      'data',
      lineReader((line) => {
        if (!started) {
          started = true
          clearTimeout(timer)
          const port = jsonLine(line)?.port
          if (typeof port === 'number') resolve(server(port))
          else fail(`unexpected first line: ${line}`)
        } else if (line.startsWith('clock ')) clockAnswers.shift()?.()
      }),
    )
  })
}
