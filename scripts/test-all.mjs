// `npm test`: every check, in the order a failure is cheapest to find. Prints a summary and the
// closing line "N passed, N failed"; exits non-zero if anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

const env = { ...process.env, TARO_APP_API_MODE: 'memory' }
const results = []
let passed = 0
let failed = 0
mkdirSync('artifacts', { recursive: true })

function step(name, cmd, args, extraEnv = {}) {
  console.log(`\n━━ ${name} ━━ ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } })
  const seconds = (Date.now() - started) / 1000
  const ok = run.status === 0
  results.push({ name, ok, seconds })
  return ok
}

/** Run jest projects and add their test counts to the total. */
function jest(name, projects, extraArgs = []) {
  const out = `artifacts/jest-${name.replace(/[^a-z0-9]+/gi, "-")}.json`
  const ok = step(name, 'npx', ['jest', '--ci', '--selectProjects', ...projects, ...extraArgs, '--json', `--outputFile=${out}`])
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites || 0)
    if (report.numTotalTests === 0) {
      console.error(`✖ ${name}: no test ran`)
      failed += 1
    }
    results[results.length - 1].tests = `${report.numPassedTests}/${report.numTotalTests}`
  } else if (!ok) failed += 1
  return ok
}

function check(name, cmd, args, extraEnv) {
  const ok = step(name, cmd, args, extraEnv)
  if (ok) passed += 1
  else failed += 1
  return ok
}

check('type-check app', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
check('type-check server', 'npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json'])
jest('unit+core+component+simulate', ['unit', 'core', 'component', 'simulate'])
jest('server', ['server'])
jest('repositories', ['repositories'])
jest('contract', ['contract'])
// The weapp in both modes, one after the other into dist/: each must be lean (no demo backend in the
// HTTP build, no HTTP adapter in the memory build). The memory build goes last: the bundle tests run it.
const weappHttp = { NODE_ENV: 'production', TARO_APP_API_MODE: 'http', TARO_APP_API_BASE_URL: 'http://127.0.0.1:3000' }
if (check('build weapp (http)', 'npx', ['taro', 'build', '--type', 'weapp'], weappHttp)) {
  check('size budget (http)', 'node', ['scripts/budget.mjs', '--mode', 'http'])
}
if (check('build weapp (memory)', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' })) {
  check('size budget (memory)', 'node', ['scripts/budget.mjs', '--mode', 'memory'])
  jest('weapp bundle', ['weapp'])
}
const h5Memory = check('build h5 (memory)', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
// WeChat sign-in on H5 goes to the stand-in's authorize page (test/e2e/support/fresh-stack.ts).
const h5Http = check('build h5 (http)', 'npx', ['taro', 'build', '--type', 'h5'], {
  NODE_ENV: 'production',
  TARO_APP_API_MODE: 'http',
  TARO_APP_API_BASE_URL: '',
  TARO_APP_WECHAT_WEB_APPID: 'wx-stand-in-web',
  TARO_APP_WECHAT_OAUTH_URL: 'http://127.0.0.1:10199/connect/oauth2/authorize',
})
// Two at a time: each file has its own browser, servers and ephemeral ports, and much of a browser
// test is waiting on the page — the page check's two widths run side by side.
if (h5Memory && h5Http) jest('browser e2e', ['e2e'], ['--maxWorkers=2'])
// After e2e, never beside it: `npm start` rebuilds dist-h5-http/ (and needs ports 3000 and 10086 free).
jest('npm start stops', ['start'])

console.log('\n━━ summary ━━')
for (const r of results) {
  console.log(`  ${r.ok ? '✔' : '✖'} ${r.name.padEnd(26)} ${r.seconds.toFixed(1).padStart(6)} s${r.tests ? `  tests ${r.tests}` : ''}`)
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1)
