/**
 * `npm run bench:scale`: does every read cost the same at a million reports as at ten thousand?
 *
 * For each size (BENCH_SIZES, default `10000,1000000`) a throw-away PostgreSQL 15 (production
 * durability) is seeded in SQL (server/test/support/scale-seed.ts: the demo community holds FOCUS
 * reports — a busy community's year — and the rest of the district the others), then each endpoint
 * is loaded with CONNECTIONS connections for SECONDS after a warm-up:
 *
 *   mine          GET /reports/mine?limit=20                 (resident u-wang)
 *   detail        GET /reports/:id                           (u-wang's reports, rotating)
 *   public        GET /reports/public?limit=20               (u-wang)
 *   inbox         GET /inbox?limit=20                        (staff u-zhang, first page)
 *   inbox-deep    GET /inbox?limit=20&cursor=…               (the page 2,000 rows in)
 *   dashboard-30  GET /dashboard?from=…&to=…                 (30 days)
 *   dashboard-365 GET /dashboard?from=…&to=…                 (365 days)
 *   booking       POST /bookings, POST /bookings/:id/cancel (scripts/bench-booking.ts)
 *   vote          POST /votes/:id/ballot                     (first ballots of 80 households in 200 votes, scripts/bench-vote.ts)
 *
 * The server runs in child processes of its own (LINLI_BENCH_SERVER=1: this file, buildApp on the
 * same PostgreSQL, rate limits and quotas out of reach), the load in another: wrk for the reads when
 * it is installed (scripts/bench-wrk.ts; BENCH_LOADER=autocannon to compare), autocannon for the
 * writes and on a machine without wrk. At the
 * largest size mine, detail and inbox run again with two server processes, the connections split
 * between them. Printed: req/s, p50, p99 per endpoint and size, the ratio of the largest size's p99
 * to the smallest's, each server process's peak RSS, and the goals (p99 ≤ 100 ms, dashboards ≤ 300 ms,
 * ratio ≤ 1.5, RSS ≤ 1 GB, two processes ≥ 1.5× one). A missed goal is reported, not an error.
 *
 * Environment: BENCH_SIZES, BENCH_SECONDS (default 5), BENCH_CONNECTIONS (50), BENCH_FOCUS (5000),
 * BENCH_ENDPOINTS (all of the above, comma-separated), BENCH_LOADER (autocannon: no wrk), BENCH_PROF
 * (a folder: each server process writes a CPU profile there).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { Client } from 'pg'
import { buildApp, createDatabase, migrate, seedDemo, type Database } from '../server/app'
import { API, IDEMPOTENCY_HEADER } from '../types/routes'
import { bookAndCancel, cancelLeftovers, prepareBooking, type AutocannonRequest, type BookingLoad } from './bench-booking'
import { ballotPairs, castBallots, prepareVotes, type VoteLoad } from './bench-vote'
import { Loader, serveLoads } from './bench-loader'
import { runWrk, wrkAvailable } from './bench-wrk'
import { startPostgres, type TestPostgres } from '../server/test/support/pg'
import { seedScale } from '../server/test/support/scale-seed'

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0)
const SECONDS = Number.parseInt(process.env.BENCH_SECONDS ?? '5', 10)
const CONNECTIONS = Number.parseInt(process.env.BENCH_CONNECTIONS ?? '50', 10)
const FOCUS = Number.parseInt(process.env.BENCH_FOCUS ?? '5000', 10)
const WARMUP_SECONDS = 1
const ALL = ['mine', 'detail', 'public', 'inbox', 'inbox-deep', 'dashboard-30', 'dashboard-365', 'booking', 'vote'] as const
type Endpoint = (typeof ALL)[number]
const ENDPOINTS: Endpoint[] = process.env.BENCH_ENDPOINTS ? ALL.filter((e) => process.env.BENCH_ENDPOINTS!.split(',').includes(e)) : [...ALL]
const SCALE_OUT: Endpoint[] = ['mine', 'detail', 'inbox']
/** What loads the read endpoints: wrk when installed (scripts/bench-wrk.ts), else autocannon. */
const LOADER = wrkAvailable() ? 'wrk' : 'autocannon'
const GOAL = { p99Ms: 100, dashboardP99Ms: 300, ratio: 1.5, rssMb: 1024, scaleOut: 1.5 }

// ── the server (child process) ──────────────────────────────────────────────────────────────────

async function serverMain(): Promise<void> {
  const db = await createDatabase({ databaseUrl: process.env.DATABASE_URL! })
  const unlimited = { max: 1_000_000_000, timeWindowMs: 60_000 }
  const app = buildApp({ db, demo: true, logger: false, rateLimits: { submit: unlimited, signIn: unlimited, write: unlimited }, quotas: false, connections: { maxConnectionsPerAddress: 0 } })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  process.on('disconnect', () => {
    void app.close().then(() => db.close()).finally(() => process.exit(0))
  })
}

interface Server {
  base: string
  child: ChildProcess
}

function startServer(databaseUrl: string): Promise<Server> {
  // BENCH_PROF=<dir>: each server process writes a CPU profile there when it exits (node --cpu-prof).
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []
  const child = fork(__filename, [], { execArgv: [...process.execArgv, ...profile], env: { ...process.env, LINLI_BENCH_SERVER: '1', DATABASE_URL: databaseUrl }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ base: `http://127.0.0.1:${m.port}`, child }))
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)))
  })
}

/** A process's peak resident memory (VmHWM, Linux), in MB. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))
    return line ? Math.round(Number.parseInt(line.split(/\s+/)[1], 10) / 1024) : null
  } catch {
    return null
  }
}

// ── the load generator (child process) ──────────────────────────────────────────────────────────

interface LoadJob {
  base: string
  endpoint: Endpoint
  token: string
  paths: string[]
  booking?: BookingLoad
  votes?: VoteLoad
  /** The vote scenario's first (vote, household) pair of this run. */
  ballotsFrom?: number
  seconds: number
  connections: number
}
interface LoadResult {
  rps: number
  p50: number
  p99: number
  total: number
  failed: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }>

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const reads = job.endpoint !== 'booking' && job.endpoint !== 'vote'
  if (reads && LOADER === 'wrk') return runWrk({ base: job.base, paths: job.paths.map((p) => `${API.prefix}${p}`), token: job.token, seconds: job.seconds, connections: job.connections })
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const autocannon = require('autocannon') as Autocannon
  let n = 0
  const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })
  let requests: AutocannonRequest[]
  if (job.endpoint === 'booking') {
    requests = bookAndCancel(job.booking!, randomUUID().slice(0, 8), {})
  } else if (job.endpoint === 'vote') {
    requests = castBallots(job.votes!, job.ballotsFrom ?? 0)
  } else {
    requests = [{ method: 'GET', headers: auth(job.token), setupRequest: (req) => ({ ...req, path: `${API.prefix}${job.paths[n++ % job.paths.length]}` }) }]
  }
  const result = await autocannon({ url: job.base, connections: job.connections, duration: job.seconds, requests, timeout: 10 })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, failed: result.non2xx + result.errors + result.timeouts }
}

// ── the bench ───────────────────────────────────────────────────────────────────────────────────

interface Row {
  size: number
  endpoint: Endpoint
  processes: number
  result?: LoadResult
  problem?: string
}

async function request(base: string, method: string, path: string, options: { token?: string; body?: unknown; key?: string } = {}): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.key) headers[IDEMPOTENCY_HEADER] = options.key
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}${API.prefix}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(30_000) })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined }
}

async function signIn(base: string, userId: string): Promise<string> {
  const answer = await request(base, 'POST', API.demoSignIn, { body: { userId } })
  const token = (answer.json as { token?: string }).token
  if (answer.status !== 200 || !token) throw new Error(`demo sign-in of ${userId} failed: HTTP ${answer.status}`)
  return token
}

/** The paths each endpoint's requests rotate over, and whose token they carry. */
async function targets(base: string, db: Database): Promise<Record<Exclude<Endpoint, 'booking' | 'vote'>, { token: string; paths: string[] }>> {
  const wang = await signIn(base, 'u-wang')
  const zhang = await signIn(base, 'u-zhang')
  const mine = (await db.query<{ id: string }>(`SELECT id FROM reports WHERE reporter_id = 'u-wang' ORDER BY created_at DESC LIMIT 200`)).map((r) => r.id)
  // 2,000 rows into the inbox, by its own cursors.
  let cursor: string | undefined
  for (let page = 0; page < 40; page++) {
    const answer = await request(base, 'GET', `${API.inbox}?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: zhang })
    cursor = (answer.json as { nextCursor?: string }).nextCursor
    if (!cursor) throw new Error(`the inbox ended after ${page + 1} pages`)
  }
  const to = new Date().toISOString()
  const since = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
  return {
    mine: { token: wang, paths: [`${API.myReports}?limit=20`] },
    detail: { token: wang, paths: mine.map((id) => API.report(id)) },
    public: { token: wang, paths: [`${API.publicReports}?limit=20`] },
    inbox: { token: zhang, paths: [`${API.inbox}?limit=20`] },
    'inbox-deep': { token: zhang, paths: [`${API.inbox}?limit=20&cursor=${encodeURIComponent(cursor!)}`] },
    'dashboard-30': { token: zhang, paths: [`${API.dashboard}?from=${since(30)}&to=${to}`] },
    'dashboard-365': { token: zhang, paths: [`${API.dashboard}?from=${since(365)}&to=${to}`] },
  }
}

async function loadOn(servers: Server[], loaders: Array<Loader<LoadJob, LoadResult>>, job: Omit<LoadJob, 'base' | 'connections'>): Promise<LoadResult> {
  const share = Math.max(1, Math.floor(CONNECTIONS / servers.length))
  const results = await Promise.all(servers.map((s, i) => loaders[i].run({ ...job, base: s.base, connections: share })))
  const total = results.reduce((sum, r) => sum + r.total, 0)
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    total,
    failed: results.reduce((sum, r) => sum + r.failed, 0),
  }
}

async function benchSize(size: number, rows: Row[], rss: Map<string, number>): Promise<void> {
  let pg: TestPostgres | null = null
  const servers: Server[] = []
  const loaders = [new Loader<LoadJob, LoadResult>(__filename), new Loader<LoadJob, LoadResult>(__filename)]
  try {
    pg = await startPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on', shared_buffers: '512MB', max_connections: 200 } })
    if (!pg) throw new Error('no PostgreSQL binaries (run scripts/ensure-postgres.sh)')
    const db = await createDatabase({ databaseUrl: pg.url })
    await migrate(db)
    await seedDemo(db, new Date())
    const seeded = await seedScale(db, { total: size, focus: Math.min(FOCUS, size) })
    console.log(`${size}: seeded ${seeded.reports.toLocaleString('en-US')} reports and ${seeded.events.toLocaleString('en-US')} steps in ${seeded.seconds.toFixed(1)} s`)
    // A database in its steady state, not just after a bulk load: vacuumed (the visibility map set, so
    // autovacuum does not start in the middle of a measurement) and checkpointed (no burst of writes
    // from the load under the first endpoints). VACUUM cannot run in the pool's transactions.
    const settling = Date.now()
    const raw = new Client({ connectionString: pg.url })
    await raw.connect()
    await raw.query('VACUUM ANALYZE')
    await raw.query('CHECKPOINT')
    await raw.end()
    console.log(`${size}: vacuumed and checkpointed in ${((Date.now() - settling) / 1000).toFixed(1)} s`)
    servers.push(await startServer(pg.url))
    const base = servers[0].base
    const paths = await targets(base, db)
    const booking = ENDPOINTS.includes('booking') || ENDPOINTS.includes('vote') ? await prepareBooking(db, base, request) : undefined
    const votes = booking && ENDPOINTS.includes('vote') ? await prepareVotes(base, booking, request) : undefined
    const run = async (endpoint: Endpoint, processes: number) => {
      const on = servers.slice(0, processes)
      const job =
        endpoint === 'booking' ? { endpoint, token: '', paths: [], booking } : endpoint === 'vote' ? { endpoint, token: '', paths: [], votes } : { endpoint, ...paths[endpoint as keyof typeof paths] }
      try {
        // The vote's warm-up casts the first half of the pairs, the measured run the second (first ballots only).
        const half = votes ? Math.floor(ballotPairs(votes) / 2) : 0
        await loadOn(on, loaders, { ...job, seconds: WARMUP_SECONDS, ballotsFrom: 0 })
        if (booking && endpoint === 'booking') await cancelLeftovers(base, booking, request)
        const result = await loadOn(on, loaders, { ...job, seconds: SECONDS, ballotsFrom: half })
        if (endpoint === 'vote' && result.total > half) console.log(`${size}: vote: ${result.total} ballots > ${half} pairs: the rest were repeats (raise VOTES)`)
        if (booking && endpoint === 'booking') await cancelLeftovers(base, booking, request)
        rows.push({ size, endpoint, processes, result })
        console.log(`${size}: ${endpoint.padEnd(13)} ×${processes}  ${Math.round(result.rps).toLocaleString('en-US').padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms${result.failed ? `  ${result.failed} failed` : ''}`)
      } catch (error) {
        rows.push({ size, endpoint, processes, problem: (error as Error).message.split('\n')[0] })
      }
    }
    for (const endpoint of ENDPOINTS) await run(endpoint, 1)
    if (size === Math.max(...SIZES)) {
      servers.push(await startServer(pg.url))
      for (const endpoint of SCALE_OUT.filter((e) => ENDPOINTS.includes(e))) await run(endpoint, 2)
    }
    servers.forEach((s, i) => rss.set(`${size} server ${i + 1}`, peakRssMb(s.child.pid) ?? 0))
    await db.close()
  } finally {
    for (const loader of loaders) loader.stop()
    for (const s of servers) s.child.disconnect()
    await new Promise((resolve) => setTimeout(resolve, 500))
    await pg?.stop()
  }
}

function printTable(rows: Row[], rss: Map<string, number>): void {
  const small = Math.min(...SIZES)
  const large = Math.max(...SIZES)
  const find = (size: number, endpoint: Endpoint, processes = 1) => rows.find((r) => r.size === size && r.endpoint === endpoint && r.processes === processes)
  console.log('')
  console.log(`${CONNECTIONS} connections, ${SECONDS} s per endpoint after ${WARMUP_SECONDS} s warm-up, loopback, ${cpus().length} CPUs, PostgreSQL with fsync on, reads loaded by ${LOADER === 'wrk' ? 'wrk' : 'autocannon (apt-get install wrk for a lighter load generator)'}`)
  const head = ['endpoint', ...SIZES.flatMap((s) => [`${s / 1000}k req/s`, 'p50', 'p99']), `p99 ${large / 1000}k/${small / 1000}k`, 'goal']
  const lines = ENDPOINTS.map((endpoint) => {
    const cells = SIZES.flatMap((size) => {
      const r = find(size, endpoint)?.result
      return r ? [Math.round(r.rps).toLocaleString('en-US'), String(r.p50), String(r.p99)] : ['—', '—', '—']
    })
    const a = find(small, endpoint)?.result
    const b = find(large, endpoint)?.result
    // p99s of a few ms are noise: the ratio is taken over at least 5 ms.
    const ratio = a && b ? Math.max(b.p99, 5) / Math.max(a.p99, 5) : null
    const limit = endpoint.startsWith('dashboard') ? GOAL.dashboardP99Ms : GOAL.p99Ms
    const ok = b && ratio !== null && b.failed <= b.total * 0.01 && b.p99 <= limit && ratio <= GOAL.ratio
    return [endpoint, ...cells, ratio === null ? '—' : ratio.toFixed(2), ok ? 'PASS' : `MISS${find(large, endpoint)?.problem ? ` ${find(large, endpoint)!.problem}` : ''}`]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  console.log(format(head))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const line of lines) console.log(format(line))
  console.log(`goals at ${large.toLocaleString('en-US')}: p99 ≤ ${GOAL.p99Ms} ms (dashboards ≤ ${GOAL.dashboardP99Ms} ms), p99 within ${GOAL.ratio}× of ${small.toLocaleString('en-US')}'s`)
  console.log('')
  for (const endpoint of SCALE_OUT.filter((e) => ENDPOINTS.includes(e))) {
    const one = find(large, endpoint, 1)?.result
    const two = find(large, endpoint, 2)?.result
    if (!one || !two) continue
    const gain = two.rps / one.rps
    console.log(`two processes, ${endpoint.padEnd(6)}: ${Math.round(one.rps).toLocaleString('en-US')} → ${Math.round(two.rps).toLocaleString('en-US')} req/s (×${gain.toFixed(2)}; goal ×${GOAL.scaleOut}: ${gain >= GOAL.scaleOut ? 'PASS' : 'MISS'}), p99 ${one.p99} → ${two.p99} ms`)
  }
  for (const [name, mb] of rss) console.log(`peak RSS, ${name}: ${mb} MB (goal ≤ ${GOAL.rssMb} MB: ${mb <= GOAL.rssMb ? 'PASS' : 'MISS'})`)
  const list = ['mine', 'detail'].map((e) => find(large, e as Endpoint)?.result)
  if (list.every(Boolean)) console.log(`list and detail at ${large.toLocaleString('en-US')}: ${list.map((r) => `${Math.round(r!.rps)} req/s p99 ${r!.p99} ms`).join(', ')} (goal ≥ 2,000 req/s, p99 ≤ 50 ms)`)
}

async function main(): Promise<void> {
  const started = Date.now()
  const rows: Row[] = []
  const rss = new Map<string, number>()
  for (const size of SIZES) await benchSize(size, rows, rss)
  printTable(rows, rss)
  console.log(`bench:scale: ${Math.round((Date.now() - started) / 1000)} s`)
  process.exit(rows.some((r) => r.result) ? 0 : 1)
}

if (process.env.LINLI_BENCH_LOADER === '1') serveLoads(runLoad)
else if (process.env.LINLI_BENCH_SERVER === '1') void serverMain()
else
  main().catch((error: unknown) => {
    console.error(`bench:scale: ${(error as Error)?.stack ?? String(error)}`)
    process.exit(1)
  })
