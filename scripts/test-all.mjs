// `npm test`: every check. Prints a summary and the closing line "N passed, N failed"; exits
// non-zero if anything failed.
//
// Two lanes run side by side after the type-checks: the jest layers that need no build (unit …
// contract: mostly one jest worker, much of it waiting on databases and child processes) and the
// four builds with their size budgets (webpack, CPU-bound), the weapp bundle tests right after the
// weapp build. Then the browser tests, and `npm start` last. The build lane's output goes to
// artifacts/build-*.log (printed when a build fails), so the jest output stays readable.
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const env = { ...process.env, TARO_APP_API_MODE: 'memory' }
const results = []
let passed = 0
let failed = 0
mkdirSync('artifacts', { recursive: true })

/** The machine's CPU counters (Linux /proc/stat: busy and total jiffies); null elsewhere. */
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    const idle = fields[3] + (fields[4] ?? 0)
    const total = fields.reduce((sum, n) => sum + n, 0)
    return { busy: total - idle, total }
  } catch {
    return null
  }
}
/** How busy the machine's cores were between two readings (0–100), or null. */
const busyPercent = (from, to) => (from && to && to.total > from.total ? (100 * (to.busy - from.busy)) / (to.total - from.total) : null)

const slug = (name) => name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')

/** Run a command; `log` sends its output to a file instead of this terminal. */
function step(name, cmd, args, extraEnv = {}, log = false) {
  const logFile = log ? `artifacts/build-${slug(name)}.log` : null
  console.log(`\n━━ ${name} ━━ ${cmd} ${args.join(' ')}${logFile ? `  (output: ${logFile})` : ''}`)
  const started = Date.now()
  const cpuFrom = cpuTimes()
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...env, ...extraEnv } })
    if (logFile) {
      const out = createWriteStream(logFile)
      child.stdout.pipe(out)
      child.stderr.pipe(out)
    }
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000
      const ok = code === 0
      results.push({ name, ok, seconds, cpu: busyPercent(cpuFrom, cpuTimes()) })
      console.log(`${ok ? '✔' : '✖'} ${name} (${seconds.toFixed(1)} s)`)
      if (!ok && logFile) {
        const text = readFileSync(logFile, 'utf8')
        console.log(`── the end of ${logFile} ──\n${text.slice(-6000)}`)
      }
      resolve({ ok, result: results[results.length - 1] })
    })
  })
}

/** Run jest projects and add their test counts to the total. */
async function jest(name, projects, extraArgs = []) {
  const out = `artifacts/jest-${slug(name)}.json`
  const { ok, result } = await step(name, 'npx', ['jest', '--ci', '--selectProjects', ...projects, ...extraArgs, '--json', `--outputFile=${out}`])
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites || 0)
    if (report.numTotalTests === 0) {
      console.error(`✖ ${name}: no test ran`)
      failed += 1
    }
    result.tests = `${report.numPassedTests}/${report.numTotalTests}`
  } else if (!ok) failed += 1
  return ok
}

async function check(name, cmd, args, extraEnv, log = false) {
  const { ok } = await step(name, cmd, args, extraEnv, log)
  if (ok) passed += 1
  else failed += 1
  return ok
}

/**
 * The reference server in demo mode (LINLI_DEMO=1) on a free loopback port with a throw-away data
 * directory, for `fn(baseUrl)`; stopped (SIGTERM) and removed afterwards. A server that does not
 * answer /health within 60 s fails the step.
 */
async function withDemoServer(fn) {
  const port = await new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address()
      probe.close(() => resolve(free))
    })
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-lighthouse-'))
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LINLI_DEMO: '1', PORT: String(port), HOST: '127.0.0.1', LINLI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  })
  // Not yet exited, neither with a code nor by a signal (then 'exit' has fired already).
  const running = () => server.exitCode === null && server.signalCode === null
  const base = `http://127.0.0.1:${port}`
  try {
    const deadline = Date.now() + 60_000
    for (;;) {
      const up = await fetch(`${base}/health`).then((r) => r.ok, () => false)
      if (up) break
      if (Date.now() > deadline || !running()) {
        console.error(`✖ the demo-mode server did not answer ${base}/health`)
        failed += 1
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    await fn(base)
  } finally {
    if (running()) {
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const started = Date.now()
const cpuAtStart = cpuTimes()
await check('type-check app', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
await check('type-check server', 'npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json'])

async function testLane() {
  await jest('unit+core+component+simulate', ['unit', 'core', 'component', 'simulate'])
  // Two workers: once the build lane is done (about half-way through the server layer) the second
  // core would idle; every file has its own databases and ports (server/test/support/pg.ts).
  await jest('server', ['server'], ['--maxWorkers=2'])
  await jest('repositories', ['repositories'], ['--maxWorkers=2'])
  await jest('contract', ['contract'], ['--maxWorkers=2'])
}

/**
 * The open311 builds report to the GeoReport v2 fake the tests start on 127.0.0.1:10311
 * (test/e2e/open311.test.ts, test/weapp/open311.test.ts); a request may be asked about every second.
 */
const OPEN311_BUILD = {
  NODE_ENV: 'production',
  TARO_APP_API_MODE: 'open311',
  TARO_APP_OPEN311_BASE_URL: 'http://127.0.0.1:10311/georeport/v2',
  TARO_APP_OPEN311_API_KEY: 'test-key',
  TARO_APP_OPEN311_JURISDICTION_ID: 'city.example',
  TARO_APP_OPEN311_NAME: '测试市城市服务平台',
  TARO_APP_OPEN311_POLL_SECONDS: '1',
}

// The weapp in both modes, one after the other into dist/: each must be lean (no demo backend in the
// HTTP build, no HTTP adapter in the memory build). The memory build goes last: the bundle tests run it.
async function buildLane() {
  const weappHttp = { NODE_ENV: 'production', TARO_APP_API_MODE: 'http', TARO_APP_API_BASE_URL: 'http://127.0.0.1:3000' }
  if (await check('build weapp (http)', 'npx', ['taro', 'build', '--type', 'weapp'], weappHttp, true)) {
    await check('size budget (http)', 'node', ['scripts/budget.mjs', '--mode', 'http'])
  }
  // On a city's Open311 system (the fake of the browser and bundle tests, on its fixed port), into
  // dist-open311/: lean of the demo backend and of the HTTP adapter.
  if (await check('build weapp (open311)', 'npx', ['taro', 'build', '--type', 'weapp'], OPEN311_BUILD, true)) {
    await check('size budget (open311)', 'node', ['scripts/budget.mjs', '--mode', 'open311'], { LINLI_WEAPP_DIST: 'dist-open311' })
  }
  // The bundle tests read dist/ (and dist-open311/): they run here, beside the jest lane, while the H5 builds follow.
  if (await check('build weapp (memory)', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' }, true)) {
    if (await check('size budget (memory)', 'node', ['scripts/budget.mjs', '--mode', 'memory'])) await jest('weapp bundle', ['weapp'])
  }
  const h5Memory = await check('build h5 (memory)', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' }, true)
  // What the first page downloads (index.html's scripts and the home route's chunks), measured in Chromium.
  if (h5Memory) await check('H5 first-page JS budget', 'node', ['scripts/budget-h5.mjs'])
  // WeChat sign-in on H5 goes to the stand-in's authorize page (test/e2e/support/fresh-stack.ts).
  const h5Http = await check(
    'build h5 (http)',
    'npx',
    ['taro', 'build', '--type', 'h5'],
    {
      NODE_ENV: 'production',
      TARO_APP_API_MODE: 'http',
      TARO_APP_API_BASE_URL: '',
      TARO_APP_WECHAT_WEB_APPID: 'wx-stand-in-web',
      TARO_APP_WECHAT_OAUTH_URL: 'http://127.0.0.1:10199/connect/oauth2/authorize',
    },
    true,
  )
  const h5Open311 = await check('build h5 (open311)', 'npx', ['taro', 'build', '--type', 'h5'], OPEN311_BUILD, true)
  return { h5: h5Memory && h5Http && h5Open311 }
}

const [, built] = await Promise.all([testLane(), buildLane()])
// Three at a time on two cores: each file has its own browser, servers and ephemeral ports, and much
// of a browser test is waiting on the page (a page check settles 300 ms of quiet twice per page) —
// the page check is four files (two parts of the roles at each width) that run beside the others.
if (built.h5) await jest('browser e2e', ['e2e'], ['--maxWorkers=3'])
// Lighthouse on the http build in front of a demo-mode server (what a community runs), alone on the
// machine so its figures are the page's, not the other lanes': printed, not a gate (--report-only).
if (built.h5) await withDemoServer((api) => check('Lighthouse (http build)', 'node', ['scripts/lighthouse.mjs', '--dist', 'dist-h5-http', '--api', api, '--report-only']))
// After e2e and Lighthouse, never beside them: `npm start` rebuilds dist-h5-http/ (and needs ports 3000 and 10086 free).
await jest('npm start stops', ['start'])

// "cpu": how busy the machine's cores were while the step ran (the other lane's work included): a
// figure well below 100 % is time a step spent waiting, which scheduling could fill.
const cpu = (value) => (value === null ? '' : `  cpu ${value.toFixed(0).padStart(3)} %`)
console.log('\n━━ summary ━━ (the build lane ran beside the jest lane; times are each step’s own)')
for (const r of results) {
  console.log(`  ${r.ok ? '✔' : '✖'} ${r.name.padEnd(26)} ${r.seconds.toFixed(1).padStart(6)} s${cpu(r.cpu)}${r.tests ? `  tests ${r.tests}` : ''}`)
}
console.log(`  all steps: ${((Date.now() - started) / 1000).toFixed(1)} s${cpu(busyPercent(cpuAtStart, cpuTimes()))}`)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1)
