/**
 * `npm start` stops cleanly: the real command (npm → sh → node scripts/start.mjs → the reference
 * server, after the real H5 build) on the default ports, then SIGTERM to the npm process alone — as a
 * process manager or `kill <pid>` would send it. Everything it started must end: both ports free, the
 * data directory lock released, no process of the tree left.
 *
 * The weapp build is skipped (LINLI_START_SKIP_WEAPP=1) to keep the test affordable; the H5 build
 * (into dist-h5-http/, the same output the http H5 build of `npm test` makes) and the server are the
 * real ones. The data directory is a throw-away one, never .linli-data/.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { get } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const HOST = '127.0.0.1'
const API_PORT = 3000
const WEB_PORT = 10086
/** The H5 build takes 20–40 s on a 2-core machine. */
const READY_TIMEOUT_MS = 240_000
/** The server gives itself 10 s to close; start.mjs kills after 12 s. */
const STOP_TIMEOUT_MS = 20_000

jest.setTimeout(READY_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A GET's status, content encoding and type (the body is read and dropped). */
function head(url: string, headers: Record<string, string> = {}): Promise<{ status: number; encoding?: string; type?: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], type: res.headers['content-type'] }))
    }).on('error', reject)
  })
}

/** Whether nothing listens on the port: we may listen there ourselves. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)))
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** Whether `url` answers 2xx. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2000 }, (res) => {
      res.resume()
      resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300)
    })
    req.once('timeout', () => req.destroy())
    req.once('error', () => resolve(false))
  })
}

interface Proc {
  pid: number
  ppid: number
  stat: string
  command: string
}

function processes(): Proc[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
  return out
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3], command: m[4] }))
}

/** The process and all its descendants, as they are now. */
function tree(root: number): Proc[] {
  const all = processes()
  const found = all.filter((p) => p.pid === root)
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i].pid))
  return found
}

/** Which of these processes still run (a zombie has ended: it only waits to be reaped). */
function stillRunning(procs: Proc[]): Proc[] {
  const now = new Map(processes().map((p) => [p.pid, p]))
  return procs.filter((p) => {
    const current = now.get(p.pid)
    return current !== undefined && !current.stat.startsWith('Z') && current.command === p.command
  })
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // gone
  }
}

describe('npm start', () => {
  let npm: ChildProcess | undefined
  let dataDir = ''
  let output = ''
  let started: Proc[] = []

  afterEach(() => {
    // Whatever outlived the test goes now, so a failure does not hold the ports for the next run.
    if (npm?.pid) kill(-npm.pid, 'SIGKILL')
    for (const p of stillRunning(started)) kill(p.pid, 'SIGKILL')
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('stops everything it started when the npm process alone gets SIGTERM', async () => {
    for (const port of [API_PORT, WEB_PORT]) {
      if (!(await portFree(port))) {
        throw new Error(`port ${port} is in use before the test: stop what listens there (another \`npm start\`?) and run it again`)
      }
    }
    dataDir = mkdtempSync(join(tmpdir(), 'linli-start-'))
    const lockFile = join(dataDir, 'pg.lock')

    // Its own process group, only so that afterEach can clean up after a failure: the test itself
    // signals the npm process alone.
    npm = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TARO_APP_API_MODE: 'http',
        HOST,
        PORT: String(WEB_PORT),
        API_PORT: String(API_PORT),
        LINLI_DATA_DIR: dataDir,
        LINLI_START_SKIP_WEAPP: '1',
        DATABASE_URL: '',
      },
    })
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000)
    }
    npm.stdout!.on('data', keep)
    npm.stderr!.on('data', keep)
    let npmExit: string | undefined
    npm.once('exit', (code, signal) => (npmExit = signal ?? String(code)))
    const npmPid = npm.pid!

    const readyBy = Date.now() + READY_TIMEOUT_MS
    for (;;) {
      const [api, web] = await Promise.all([answers(`http://${HOST}:${API_PORT}/health`), answers(`http://${HOST}:${WEB_PORT}/`)])
      if (api && web) break
      if (npmExit !== undefined) throw new Error(`npm start ended (${npmExit}) before both ports answered:\n${output}`)
      if (Date.now() > readyBy) throw new Error(`npm start did not answer on :${API_PORT}/health and :${WEB_PORT}/ in time:\n${output}`)
      await sleep(500)
    }
    // The H5 app is served compressed, and a partner system reaches the Open311 endpoint on the app's origin too.
    const page = await head(`http://${HOST}:${WEB_PORT}/`, { 'accept-encoding': 'gzip, deflate' })
    expect([page.status, page.encoding]).toEqual([200, 'gzip'])
    const discovery = await head(`http://${HOST}:${WEB_PORT}/open311/v2/discovery.json`)
    expect([discovery.status, discovery.type]).toEqual([200, expect.stringContaining('application/json')])
    expect(existsSync(lockFile)).toBe(true)
    const serverPid = Number(readFileSync(lockFile, 'utf8').trim())
    started = tree(npmPid)
    // npm → sh → node scripts/start.mjs → the server, at least.
    expect(started.map((p) => p.pid)).toContain(serverPid)

    process.kill(npmPid, 'SIGTERM')

    const stopBy = Date.now() + STOP_TIMEOUT_MS
    let state = { apiFree: false, webFree: false, lockGone: false, left: started }
    for (;;) {
      state = {
        apiFree: await portFree(API_PORT),
        webFree: await portFree(WEB_PORT),
        lockGone: !existsSync(lockFile),
        left: stillRunning(started),
      }
      if ((state.apiFree && state.webFree && state.lockGone && state.left.length === 0) || Date.now() > stopBy) break
      await sleep(250)
    }
    const problems = [
      ...(state.apiFree ? [] : [`port ${API_PORT} is still in use`]),
      ...(state.webFree ? [] : [`port ${WEB_PORT} is still in use`]),
      ...(state.lockGone ? [] : [`the data directory lock ${lockFile} is still held`]),
      ...state.left.map((p) => `process ${p.pid} still runs: ${p.command}`),
    ]
    if (problems.length > 0) problems.push(`(${STOP_TIMEOUT_MS / 1000} s after SIGTERM to npm, pid ${npmPid}; its output:\n${output})`)
    expect(problems).toEqual([])
  })
})
