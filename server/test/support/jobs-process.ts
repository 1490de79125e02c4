import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

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
const children = new Set<ChildProcess>()

/** SIGKILL every jobs server still running (afterAll). */
export async function killJobsServers(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    }),
  )
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
  let partial = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000)
    partial += chunk
    for (let newline = partial.indexOf('\n'); newline >= 0; newline = partial.indexOf('\n')) {
      const line = partial.slice(0, newline)
      partial = partial.slice(newline + 1)
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        // Not a log line (a stack trace): kept in `stderr` for the failure message.
      }
    }
  })
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child)
      resolve()
    }),
  )
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
    let stdout = ''
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
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      for (let newline = stdout.indexOf('\n'); newline >= 0; newline = stdout.indexOf('\n')) {
        const line = stdout.slice(0, newline)
        stdout = stdout.slice(newline + 1)
        if (!started) {
          started = true
          clearTimeout(timer)
          try {
            resolve(server((JSON.parse(line) as { port: number }).port))
          } catch {
            fail(`unexpected first line: ${line}`)
          }
        } else if (line.startsWith('clock ')) clockAnswers.shift()?.()
      }
    })
  })
}
