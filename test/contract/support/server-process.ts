import { spawn } from 'node:child_process'
import { join } from 'node:path'

export interface RunningServer {
  baseUrl: string
  /** Which database the server opened ('pglite' | 'postgres'). */
  db: string
  /**
   * Started with `testClock`: move the server's clock on by `ms` (it stays real time plus the sum of
   * all advances); resolves with the server's time once it holds. Absent otherwise.
   */
  advanceClock?: (ms: number) => Promise<Date>
  /** Started with `open311Partner`: the partner key issued for that community. */
  open311Key?: string
  stop(): Promise<void>
}

const ROOT = join(__dirname, '../../..')
const SCRIPT = join(__dirname, 'serve.ts')

/**
 * Start the reference server (./serve.ts) in a child process; resolves once it listens. `testClock`:
 * its clock can be moved on (`advanceClock`), through `LINLI_TEST_CLOCK=1` and its stdin. `env`: more
 * of its environment (`LINLI_CONTENT_WORDS`: a word list file it checks texts with).
 */
export function startServer(
  options: { databaseUrl?: string; startTimeoutMs?: number; testClock?: boolean; env?: Record<string, string>; open311Partner?: string } = {},
): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: options.databaseUrl ?? '', ...options.env }
  if (options.open311Partner) env.LINLI_TEST_OPEN311_PARTNER = options.open311Partner
  else delete env.LINLI_TEST_OPEN311_PARTNER
  if (options.testClock) env.LINLI_TEST_CLOCK = '1'
  else delete env.LINLI_TEST_CLOCK
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }

  // Answers to `advance` lines, in the order they were asked.
  const waiting: Array<{ resolve: (at: Date) => void; reject: (error: Error) => void }> = []
  void exited.then((code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`reference server exited with ${code} before moving its clock\n--- its stderr ---\n${stderr}`))
  })
  const advanceClock = (ms: number): Promise<Date> => {
    if (!Number.isInteger(ms) || ms < 0) return Promise.reject(new Error(`advanceClock: ${ms} is not a whole number of milliseconds ≥ 0`))
    if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error('advanceClock: the reference server has exited'))
    return new Promise<Date>((resolve, reject) => {
      waiting.push({ resolve, reject })
      child.stdin.write(`advance ${ms}\n`)
    })
  }

  return new Promise<RunningServer>((resolve, reject) => {
    let stdout = ''
    let started = false
    const fail = (why: string) => {
      clearTimeout(timer)
      void stop().finally(() => reject(new Error(`reference server did not start: ${why}\n--- its stderr ---\n${stderr}`)))
    }
    const timer = setTimeout(() => fail('timed out'), options.startTimeoutMs ?? 60_000)
    child.once('error', (error) => fail(error.message))
    void exited.then((code) => {
      if (!started) fail(`exited with ${code}`)
    })
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      let newline = stdout.indexOf('\n')
      while (newline >= 0) {
        const line = stdout.slice(0, newline)
        stdout = stdout.slice(newline + 1)
        newline = stdout.indexOf('\n')
        if (!started) {
          started = true
          clearTimeout(timer)
          try {
            const { port, db, open311Key } = JSON.parse(line) as { port: number; db: string; open311Key?: string }
            resolve({ baseUrl: `http://127.0.0.1:${port}`, db, stop, ...(options.testClock ? { advanceClock } : {}), ...(open311Key ? { open311Key } : {}) })
          } catch {
            fail(`unexpected first line: ${line}`)
          }
        } else if (line.startsWith('clock ')) {
          waiting.shift()?.resolve(new Date(line.slice('clock '.length)))
        }
      }
    })
  })
}
