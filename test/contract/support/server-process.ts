import { spawn } from 'node:child_process'
import { join } from 'node:path'

export interface RunningServer {
  baseUrl: string
  /** Which database the server opened ('pglite' | 'postgres'). */
  db: string
  stop(): Promise<void>
}

const ROOT = join(__dirname, '../../..')
const SCRIPT = join(__dirname, 'serve.ts')

/** Start the reference server (./serve.ts) in a child process; resolves once it listens. */
export function startServer(options: { databaseUrl?: string; startTimeoutMs?: number } = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: options.databaseUrl ?? '' },
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

  return new Promise<RunningServer>((resolve, reject) => {
    let stdout = ''
    const fail = (why: string) => {
      clearTimeout(timer)
      void stop().finally(() => reject(new Error(`reference server did not start: ${why}\n--- its stderr ---\n${stderr}`)))
    }
    const timer = setTimeout(() => fail('timed out'), options.startTimeoutMs ?? 60_000)
    child.once('error', (error) => fail(error.message))
    void exited.then((code) => fail(`exited with ${code}`))
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n')[0]
      if (!stdout.includes('\n')) return
      clearTimeout(timer)
      try {
        const { port, db } = JSON.parse(line) as { port: number; db: string }
        resolve({ baseUrl: `http://127.0.0.1:${port}`, db, stop })
      } catch {
        fail(`unexpected first line: ${line}`)
      }
    })
  })
}
