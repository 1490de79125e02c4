/**
 * `npm run bench`: load the reference server on loopback and compare with the goal (≥ 2,000 req/s
 * with p99 ≤ 50 ms on the list and detail reads, on PostgreSQL).
 *
 * For each backend — embedded PGlite, then a throw-away PostgreSQL (server/test/support/pg.ts; skipped
 * with a message when no PostgreSQL is installed) — the server runs in this process on
 * 127.0.0.1:<ephemeral>, seeded with the demo community, rate limits raised out of reach; PostgreSQL
 * runs with production durability (fsync, synchronous commit). The demo resident u-wang
 * signs in, files PRECREATE reports, then three scenarios run for SECONDS each after a WARMUP:
 *
 *   list    GET  /api/v1/reports/mine?limit=20
 *   detail  GET  /api/v1/reports/:id         (rotating over the pre-created reports)
 *   submit  POST /api/v1/reports             (a new Idempotency-Key and description per request)
 *   booking POST /api/v1/bookings, then POST /api/v1/bookings/:id/cancel (each connection in turn one of
 *           BOOKERS residents of a community of their own, spread over the lawyer's slots of the coming
 *           days; both requests count)
 *
 * The load generator (autocannon) runs in a child process, so it does not share the server's event
 * loop. Environment: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 50), BENCH_BACKENDS
 * (`pglite,postgres`), BENCH_SCENARIOS (`list,detail,submit,booking`). A missed goal is reported, not an error: the exit code is non-zero only when
 * the bench itself could not run.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildApp, createDatabase, migrate, seedDemo, type AppOptions, type Database } from '../server/app'
import { API, IDEMPOTENCY_HEADER } from '../types/routes'
import { BOOKERS, bookAndCancel, cancelLeftovers, prepareBooking, type AutocannonRequest, type BookingLoad } from './bench-booking'
import { Loader, serveLoads } from './bench-loader'
import { startPostgres, type TestPostgres } from '../server/test/support/pg'

const SECONDS = clampInt(process.env.BENCH_SECONDS, 5, 1, 30)
const WARMUP_SECONDS = 1
const CONNECTIONS = clampInt(process.env.BENCH_CONNECTIONS, 50, 1, 500)
const PRECREATE = 200
const GOAL = { rps: 2000, p99Ms: 50 }
/** The whole run stops (exit 2) if it ever takes this long: a stuck server must not hang CI. */
const WATCHDOG_MS = 240_000
const DEMO_USER = 'u-wang'
const ALL_SCENARIOS = ['list', 'detail', 'submit', 'booking'] as const
type Scenario = (typeof ALL_SCENARIOS)[number]
const SCENARIOS: readonly Scenario[] = process.env.BENCH_SCENARIOS
  ? ALL_SCENARIOS.filter((name) => process.env.BENCH_SCENARIOS?.split(',').includes(name))
  : ALL_SCENARIOS
type Backend = 'pglite' | 'postgres'

// ── the load generator (child process) ──────────────────────────────────────────────────────────

interface LoadJob {
  base: string
  token: string
  scenario: Scenario
  ids: string[]
  seconds: number
  connections: number
  /** The booking scenario's service, slots and residents. */
  booking?: BookingLoad
}
interface LoadResult {
  rps: number
  p50: number
  p99: number
  total: number
  non2xx: number
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
  /** The booking scenario's refusals by status and message (why a pair failed). */
  refusals?: Record<string, number>
}

interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
  timeouts: number
  statusCodeStats?: Record<string, { count: number }>
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>

function newReportBody(label: string): string {
  return JSON.stringify({
    categoryId: 'cat-road',
    description: `压测：3号楼南侧路面破损，积水明显（${label}）`,
    photoIds: [],
    location: { kind: 'text', address: '映月社区3号楼南侧道路' },
    anonymous: false,
  })
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  // autocannon ships no types; the shapes used here are declared above.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const autocannon = require('autocannon') as Autocannon
  const prefix = API.prefix
  const auth = { authorization: `Bearer ${job.token}` }
  const run = randomUUID().slice(0, 8)
  let counter = 0
  const refusals: Record<string, number> = {}
  let request: AutocannonRequest | undefined
  let requests: AutocannonRequest[] | undefined
  if (job.scenario === 'booking') {
    requests = bookAndCancel(job.booking!, run, refusals)
  } else if (job.scenario === 'list') {
    request = { method: 'GET', path: `${prefix}${API.myReports}?limit=20`, headers: auth }
  } else if (job.scenario === 'detail') {
    request = {
      method: 'GET',
      headers: auth,
      setupRequest: (req) => ({ ...req, path: `${prefix}${API.report(job.ids[counter++ % job.ids.length])}` }),
    }
  } else {
    request = {
      method: 'POST',
      path: `${prefix}${API.reports}`,
      setupRequest: (req) => {
        const n = counter++
        return {
          ...req,
          headers: { ...auth, 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: `bench-${run}-${n}` },
          body: newReportBody(`${run}-${n}`),
        }
      },
    }
  }
  const result = await autocannon({
    url: job.base,
    connections: job.connections,
    duration: job.seconds,
    requests: requests ?? [request!],
    timeout: 10,
  })
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    ...(Object.keys(refusals).length ? { refusals } : {}),
  }
}

// ── the bench (parent process) ──────────────────────────────────────────────────────────────────

interface Row {
  backend: Backend
  scenario: Scenario
  result?: LoadResult
  /** Share of CPU time during the run that was idle, and stolen by the hypervisor (Linux only). */
  cpu?: { idle: number; steal: number }
  /** The server process (and PGlite, which runs in it): CPU ms per request, event-loop utilisation. */
  server?: { cpuMsPerRequest: number; loopBusy: number }
  problem?: string
}

/** The machine's CPU counters (/proc/stat, Linux); null elsewhere. */
function cpuTimes(): { total: number; idle: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
    return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal }
  } catch {
    return null
  }
}

function cpuShare(before: ReturnType<typeof cpuTimes>, after: ReturnType<typeof cpuTimes>): Row['cpu'] {
  if (!before || !after || after.total <= before.total) return undefined
  const total = after.total - before.total
  return { idle: (after.idle - before.idle) / total, steal: (after.steal - before.steal) / total }
}

async function http(base: string, method: string, path: string, options: { token?: string; body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.key) headers[IDEMPOTENCY_HEADER] = options.key
  const response = await fetch(`${base}${API.prefix}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  })
  const text = await response.text()
  let json: unknown = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  return { status: response.status, json }
}

function summarize(status: number, json: unknown): string {
  return `HTTP ${status} ${JSON.stringify(json)?.slice(0, 300)}`
}

async function benchBackend(backend: Backend, loader: Loader<LoadJob, LoadResult>, rows: Row[]): Promise<void> {
  let pg: TestPostgres | null = null
  let dataDir: string | null = null
  let app: ReturnType<typeof buildApp> | null = null
  let db: Database | null = null
  const started = Date.now()
  try {
    if (backend === 'postgres') {
      const t0 = Date.now()
      // Production durability (fsync, synchronous commit) so the submit numbers are honest.
      pg = await startPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' } })
      if (!pg) {
        console.log('postgres: skipped — no PostgreSQL binaries (run scripts/ensure-postgres.sh)')
        return
      }
      console.log(`postgres: PostgreSQL started in ${Date.now() - t0} ms (${pg.url})`)
      db = await createDatabase({ databaseUrl: pg.url })
    } else {
      dataDir = await mkdtemp(join(tmpdir(), PGLITE_PREFIX))
      const dir = dataDir
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
      db = await createDatabase({ dataDir })
    }
    await migrate(db)
    await seedDemo(db, new Date())
    app = buildApp(benchAppOptions(db))
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address')
    const base = `http://127.0.0.1:${address.port}`
    console.log(`${backend}: server ready on ${base} in ${Date.now() - started} ms`)

    const signIn = await http(base, 'POST', API.demoSignIn, { body: { userId: DEMO_USER } })
    const token = (signIn.json as { token?: string } | undefined)?.token
    if (signIn.status !== 200 || !token) throw new Error(`demo sign-in failed: ${summarize(signIn.status, signIn.json)}`)

    const t1 = Date.now()
    const ids = await precreate(base, token)
    console.log(`${backend}: ${ids.length} reports filed in ${Date.now() - t1} ms`)

    const booking = SCENARIOS.includes('booking') ? await prepareBooking(db, base, http) : undefined
    if (booking) console.log(`${backend}: ${BOOKERS} residents signed in, the lawyer open on ${booking.slots.length} slots`)
    const probes: Record<Scenario, () => Promise<{ status: number; json: unknown }>> = {
      booking: async () => {
        const token = booking!.tokens[0]
        const booked = await http(base, 'POST', API.bookings, { token, key: `probe-${randomUUID()}`, body: { serviceId: booking!.serviceId, startsAt: booking!.slots[0], answers: {} } })
        if (booked.status !== 201) return booked
        return http(base, 'POST', API.bookingStep((booked.json as { id: string }).id, 'cancel'), { token, body: { reason: '压测探测' } })
      },
      list: () => http(base, 'GET', `${API.myReports}?limit=20`, { token }),
      detail: () => http(base, 'GET', API.report(ids[0]), { token }),
      submit: () => http(base, 'POST', API.reports, { token, key: `probe-${randomUUID()}`, body: newReportBody('probe') }),
    }
    for (const scenario of SCENARIOS) {
      const probe = await probes[scenario]()
      if (probe.status < 200 || probe.status >= 300) {
        rows.push({ backend, scenario, problem: summarize(probe.status, probe.json) })
        continue
      }
      const job: LoadJob = { base, token, scenario, ids, seconds: WARMUP_SECONDS, connections: CONNECTIONS, booking }
      await loader.run(job)
      if (booking && scenario === 'booking') await cancelLeftovers(base, booking, http)
      const before = cpuTimes()
      const usage = process.cpuUsage()
      const loop = performance.eventLoopUtilization()
      const result = await loader.run({ ...job, seconds: SECONDS })
      const used = process.cpuUsage(usage)
      const server = {
        cpuMsPerRequest: result.total ? (used.user + used.system) / 1000 / result.total : 0,
        loopBusy: performance.eventLoopUtilization(loop).utilization,
      }
      const row: Row = { backend, scenario, result, cpu: cpuShare(before, cpuTimes()), server }
      if (booking && scenario === 'booking') await cancelLeftovers(base, booking, http)
      rows.push(row)
      console.log(`${backend}: ${scenario.padEnd(6)} ${formatRow(row)}`)
    }
    console.log(`${backend}: process RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB (server and earlier backends)`)
  } catch (error) {
    const message = (error as Error).message
    console.error(`${backend}: ${message}`)
    for (const scenario of SCENARIOS) {
      if (!rows.some((row) => row.backend === backend && row.scenario === scenario)) rows.push({ backend, scenario, problem: message.split('\n')[0] })
    }
  } finally {
    await app?.close().catch((error: unknown) => console.error(`${backend}: close failed: ${String(error)}`))
    await db?.close().catch(() => undefined)
    await pg?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
}

/**
 * buildApp options for a bench: demo sign-in on, no request logging, rate limits and quotas out of
 * reach, and no cap on connections per address (every connection of the load generator is 127.0.0.1's).
 */
function benchAppOptions(db: Database): AppOptions {
  const unlimited = { max: 1_000_000_000, timeWindowMs: 60_000 }
  return { db, demo: true, logger: false, rateLimits: { submit: unlimited, signIn: unlimited, write: unlimited }, quotas: false, connections: { maxConnectionsPerAddress: 0 } }
}

/** File PRECREATE reports as the demo resident, a few at a time. */
async function precreate(base: string, token: string): Promise<string[]> {
  const ids: string[] = []
  const run = randomUUID().slice(0, 8)
  let next = 0
  const worker = async () => {
    while (next < PRECREATE) {
      const n = next++
      const answer = await http(base, 'POST', API.reports, { token, key: `seed-${run}-${n}`, body: newReportBody(`seed-${n}`) })
      const body = answer.json as { id?: string; report?: { id?: string } } | undefined
      const id = body?.id ?? body?.report?.id
      if (answer.status < 200 || answer.status >= 300 || !id) throw new Error(`filing a report failed: ${summarize(answer.status, answer.json)}`)
      ids.push(id)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return ids
}

function goalApplies(row: Row): boolean {
  return row.backend === 'postgres' && (row.scenario === 'list' || row.scenario === 'detail')
}

function verdict(row: Row): string {
  if (!row.result) return 'ERROR'
  const bad = row.result.non2xx + row.result.errors + row.result.timeouts
  if (bad > row.result.total * 0.01) return 'ERROR'
  const met = row.result.rps >= GOAL.rps && row.result.p99 <= GOAL.p99Ms
  if (goalApplies(row)) return met ? 'PASS' : 'MISS'
  return met ? '(pass)' : '(miss)'
}

function formatRow(row: Row): string {
  const r = row.result
  if (!r) return `ERROR ${row.problem ?? ''}`
  const bad = r.non2xx + r.errors + r.timeouts
  const codes = Object.entries(r.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ')
  return [
    `${Math.round(r.rps).toLocaleString('en-US').padStart(7)} req/s`,
    `p50 ${String(r.p50).padStart(4)} ms`,
    `p99 ${String(r.p99).padStart(4)} ms`,
    `${r.total.toLocaleString('en-US').padStart(8)} requests`,
    row.server ? `server ${row.server.cpuMsPerRequest.toFixed(2)} ms CPU/request, event loop ${percent(row.server.loopBusy)} busy` : '',
    row.cpu ? `machine idle ${percent(row.cpu.idle)}, stolen ${percent(row.cpu.steal)}` : '',
    bad ? `${bad} failed (${codes}; errors ${r.errors}, timeouts ${r.timeouts})` : '',
    r.refusals ? `refused: ${Object.entries(r.refusals).map(([why, count]) => `${why} ×${count}`).join('; ')}` : '',
  ]
    .filter(Boolean)
    .join('  ')
}

/** How busy the machine was with other work in the second before the bench (null: unknown). */
let busyBefore: number | null = null
const busy = () => busyBefore !== null && busyBefore > 0.25

const percent = (share: number) => `${Math.round(share * 100)}%`

function printTable(rows: Row[]): void {
  const head = ['backend', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'failed', 'CPU ms/req', 'loop', 'idle', 'stolen', 'goal']
  const lines = rows.map((row) => {
    const r = row.result
    const failed = r ? r.non2xx + r.errors + r.timeouts : 0
    return [
      row.backend,
      row.scenario,
      r ? Math.round(r.rps).toLocaleString('en-US') : '—',
      r ? String(r.p50) : '—',
      r ? String(r.p99) : '—',
      r ? r.total.toLocaleString('en-US') : '—',
      r ? String(failed) : '—',
      row.server ? row.server.cpuMsPerRequest.toFixed(2) : '—',
      row.server ? percent(row.server.loopBusy) : '—',
      row.cpu ? percent(row.cpu.idle) : '—',
      row.cpu ? percent(row.cpu.steal) : '—',
      verdict(row) + (row.problem ? ` ${row.problem.slice(0, 160)}` : ''),
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((line) => (i === head.length - 1 ? 0 : line[i].length))))
  const format = (cells: string[]) => cells.map((cell, i) => (i < 2 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  console.log('')
  console.log(`${CONNECTIONS} connections, ${SECONDS} s per scenario after ${WARMUP_SECONDS} s warm-up, loopback, ${cpus().length} CPUs`)
  if (busy()) console.log(`the machine was ${percent(busyBefore ?? 0)} busy with other work before the bench: these numbers understate the server`)
  console.log('CPU ms/req: the server process\'s CPU time (PGlite included) per request; loop: its event loop\'s busy share;')
  console.log('idle, stolen: the whole machine\'s idle share and the share the hypervisor gave to other machines.')
  if (rows.some((row) => row.cpu && row.cpu.steal > 0.1)) {
    console.log('stolen: CPU time the hypervisor gave to other machines during the run; above ~10% the numbers understate the server')
  }
  console.log(format(head))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const line of lines) console.log(format(line))
  console.log('')
  console.log(`goal: ≥ ${GOAL.rps.toLocaleString('en-US')} req/s with p99 ≤ ${GOAL.p99Ms} ms on list and detail on PostgreSQL (PASS/MISS);`)
  console.log('other lines are measured against the same numbers for information only, in parentheses.')
  const goalRows = rows.filter(goalApplies)
  if (!goalRows.length) console.log('goal: not measured (no PostgreSQL)')
  else console.log(`goal: ${goalRows.every((row) => verdict(row) === 'PASS') ? 'PASS' : 'MISS'}`)
}

const PGLITE_PREFIX = 'linli-bench-pglite-'

/** Remove PGlite directories of earlier benches that were killed (their pg.lock names a dead pid). */
function sweepStalePglite(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PGLITE_PREFIX))) {
    const dir = join(tmpdir(), name)
    let pid = 0
    try {
      pid = Number.parseInt(readFileSync(join(dir, 'pg.lock'), 'utf8'), 10)
    } catch {
      continue
    }
    let alive = true
    try {
      process.kill(pid, 0)
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM'
    }
    if (pid > 0 && !alive) rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s; giving up`)
    process.exit(2)
  }, WATCHDOG_MS)
  watchdog.unref()
  // Ctrl-C: exit normally, so server/test/support/pg.ts's exit hook stops PostgreSQL and removes its files.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
  const backends = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((name) => name.trim()) as Backend[]
  sweepStalePglite()
  const rows: Row[] = []
  const started = Date.now()
  // How busy the machine is with other work, read before the bench starts anything of its own: the
  // load generator's start (a forked tsx process compiling this file) once counted as "other work"
  // and made an idle machine look 68% busy.
  const idle = cpuTimes()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const share = cpuShare(idle, cpuTimes())
  busyBefore = share ? 1 - share.idle - share.steal : null
  if (busy()) console.log(`bench: the machine is ${percent(busyBefore ?? 0)} busy with other work; expect lower numbers than on an idle machine`)
  else console.log(`bench: the machine was ${percent(busyBefore ?? 0)} busy before the bench`)
  const loader = new Loader<LoadJob, LoadResult>(__filename)
  try {
    for (const backend of backends) {
      if (backend !== 'pglite' && backend !== 'postgres') throw new Error(`unknown backend ${backend}`)
      await benchBackend(backend, loader, rows)
    }
  } finally {
    loader.stop()
  }
  printTable(rows)
  console.log(`bench: ${Math.round((Date.now() - started) / 1000)} s`)
  clearTimeout(watchdog)
  const ran = rows.some((row) => row.result)
  // Handles left open by a backend (a pool, a timer) must not keep the bench alive.
  process.exit(ran ? 0 : 1)
}

function clampInt(raw: string | undefined, fallback: number, min: number, max: number): number {
  const value = raw === undefined ? fallback : Number.parseInt(raw, 10)
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback
}

if (process.env.LINLI_BENCH_LOADER === '1') {
  serveLoads(runLoad)
} else {
  main().catch((error: unknown) => {
    console.error(`bench: ${(error as Error)?.stack ?? String(error)}`)
    process.exit(1)
  })
}
