/**
 * The read endpoints' load generator of `npm run bench:scale` when wrk is installed (Debian's
 * `wrk` package: `apt-get install wrk`): a C load generator on epoll, which takes a fraction of
 * the CPU autocannon takes for the same requests. On a 2-core machine that shares its cores with the
 * server processes and PostgreSQL, what the load generator uses is taken from what is measured.
 * The writes (booking, vote) keep autocannon: each of their requests depends on the last answer.
 *
 * The requests rotate over `paths` with one bearer token, as the autocannon load does; a Lua
 * script prints the figures as JSON when the run ends (latencies in microseconds).
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface WrkJob {
  base: string
  paths: string[]
  token: string
  seconds: number
  connections: number
}

export interface WrkResult {
  rps: number
  p50: number
  p99: number
  total: number
  failed: number
}

/** Whether wrk is on this machine (BENCH_LOADER=autocannon turns it off). */
export function wrkAvailable(): boolean {
  if (process.env.BENCH_LOADER === 'autocannon') return false
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
}

const lua = (s: string) => JSON.stringify(s)

/** The Lua script: rotate the paths, print the summary as one JSON line. */
export function wrkScript(paths: readonly string[], token: string): string {
  return `
local paths = { ${paths.map(lua).join(', ')} }
local headers = { ["authorization"] = ${lua(`Bearer ${token}`)} }
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], headers)
end
done = function(summary, latency)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"us":%d,"p50":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
`
}

/**
 * One run of wrk on one thread. Failed answers are wrk's own count of statuses ≥ 400 and of
 * connect, read, write and timeout errors (a Lua `response` callback would make wrk parse every
 * body, and its counts stay in its thread).
 */
export function runWrk(job: WrkJob): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-wrk-'))
  const script = join(dir, 'load.lua')
  writeFileSync(script, wrkScript(job.paths, job.token))
  const args = ['-t1', `-c${job.connections}`, `-d${job.seconds}s`, '--timeout', '10s', '-s', script, job.base]
  return new Promise<WrkResult>((resolve, reject) => {
    execFile('wrk', args, { timeout: (job.seconds + 30) * 1000 }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true })
      if (error) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`))
      const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'))
      if (!line) return reject(new Error(`wrk printed no summary:\n${stdout}\n${stderr}`))
      const figures = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; errors: number }
      resolve({
        rps: figures.requests / (figures.us / 1e6),
        // Whole milliseconds, as autocannon reports them.
        p50: Math.round(figures.p50 / 1000),
        p99: Math.round(figures.p99 / 1000),
        total: figures.requests,
        failed: figures.errors,
      })
    })
  })
}
