// `npm run lighthouse`: Lighthouse (mobile, its default simulated throttling: a mid-range phone on
// slow 4G) on three pages of a built H5 app — 首页 on a first visit, the report form signed in as a
// resident, the staff inbox signed in as staff — three runs each. Prints min/median/max of the
// performance score, LCP and TBT per page; exits 1 when a page's median score is below 90
// (docs/budgets.md). Builds nothing: it serves an existing build (default dist-h5/, the memory build;
// `--dist DIR` or LINLI_H5_DIST), compressed, through scripts/static-server.cjs as `npm start` does.
// The sign-ins use the demo accounts: of the memory backend on a memory build, or — `--api URL`, an
// http build (`TARO_APP_API_BASE_URL=` empty: same origin) — of a demo-mode server (LINLI_DEMO=1) the
// static server forwards /api/ to, as `npm start` does.
// `--runs N` changes the number of runs; `--page NAME` measures one page only (home, report, inbox);
// `--save DIR` keeps each run's Lighthouse report (JSON) there. `--report-only` prints whether each
// page meets the goal and exits 0 either way (what `npm test` runs: the figures, not a gate — scores
// move with the machine's load); a run Lighthouse could not make still fails.
//
// Each run has a Chromium of its own (CHROMIUM_PATH, default /usr/bin/chromium) driven by
// puppeteer-core, the way Lighthouse's Node API measures pages behind a sign-in: the person signs in
// on 首页 (kept in the page's localStorage), then Lighthouse loads the page without resetting storage.
// The static server answers `cache-control: no-store`, so nothing is served from a cache either way.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const { serveStatic } = require('./static-server.cjs')
const { MIN_SCORE, belowGoal, formatTable, runFigures, summarise } = require('./lighthouse-figures.cjs')

// Lighthouse's own puppeteer-core (the version it is tested with), resolved from where it is installed.
const lighthouseRequire = createRequire(require.resolve('lighthouse'))
const { default: lighthouse } = await import('lighthouse')
const { default: puppeteer } = await import(pathToFileURL(lighthouseRequire.resolve('puppeteer-core')).href)

const arg = (name) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const dist = arg('--dist') || process.env.LINLI_H5_DIST || new URL('../dist-h5', import.meta.url).pathname
const RUNS = Number(arg('--runs') || 3)
const only = arg('--page')
const save = arg('--save')
const api = arg('--api')
const reportOnly = process.argv.includes('--report-only')

const PAGES = [
  { key: 'home', name: 'home (first visit)', route: '/pages/home/index', role: null, ready: '.home__greeting' },
  { key: 'report', name: 'report form (resident)', route: '/reports/new/index', role: 'u-wang', ready: '.report-form__submit' },
  { key: 'inbox', name: 'inbox (staff)', route: '/staff/workspace/index', role: 'u-zhang', ready: '.inbox-row' },
].filter((p) => !only || p.key === only)

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`✖ ${join(dist, 'index.html')} not found: build H5 first (NODE_ENV=production npx taro build --type h5)`)
  process.exit(1)
}
if (!PAGES.length || !(RUNS >= 1)) {
  console.error('✖ usage: node scripts/lighthouse.mjs [--dist DIR] [--api URL] [--runs N] [--page home|report|inbox] [--save DIR]')
  process.exit(1)
}

/** One Lighthouse run of one page, in a browser of its own. */
async function run(base, spec, index) {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await browser.newPage()
    if (spec.role) {
      await page.goto(`${base}#/pages/home/index`)
      await page.waitForFunction('window.__linli && window.__linli.root')
      const ok = await page.evaluate(`window.__linli.root.session.signInDemo(${JSON.stringify(spec.role)})`)
      if (!ok) throw new Error(`demo sign-in as ${spec.role} failed (is ${dist} a memory build, or --api a demo-mode server?)`)
      await page.goto('about:blank')
    }
    const result = await lighthouse(
      `${base}#${spec.route}`,
      { onlyCategories: ['performance'], output: 'json', logLevel: 'error', disableStorageReset: Boolean(spec.role) },
      undefined,
      page,
    )
    if (!result) throw new Error(`Lighthouse returned nothing for ${spec.route}`)
    // What was measured is the page itself, not a sign-in gate or an error: its content is there.
    await page.waitForSelector(`.taro_page_stationed ${spec.ready}`, { timeout: 15_000 }).catch(() => {
      throw new Error(`${spec.name}: ${spec.ready} is not on the page Lighthouse measured (not signed in?)`)
    })
    if (save) {
      mkdirSync(save, { recursive: true })
      writeFileSync(join(save, `${spec.key}-${index + 1}.json`), JSON.stringify(result.lhr))
    }
    return runFigures(result.lhr)
  } finally {
    await browser.close()
  }
}

const { url, server } = await serveStatic(dist, 0, '127.0.0.1', api)
const started = Date.now()
const pages = []
try {
  console.log(`Lighthouse (mobile, simulated throttling) on ${dist}${api ? ` (API: ${api})` : ''}, ${RUNS} run(s) per page\n`)
  for (const spec of PAGES) {
    const runs = []
    for (let i = 0; i < RUNS; i++) {
      const figures = await run(url, spec, i)
      console.log(`  ${spec.name} run ${i + 1}: score ${figures.score}, LCP ${(figures.lcp / 1000).toFixed(2)} s, TBT ${Math.round(figures.tbt)} ms`)
      runs.push(figures)
    }
    pages.push({ name: spec.name, summary: summarise(runs) })
  }
} finally {
  await new Promise((resolve) => server.close(resolve))
}
console.log(`\n${formatTable(pages)}\n  (${((Date.now() - started) / 1000).toFixed(0)} s)\n`)
const low = belowGoal(pages)
if (low.length) {
  const which = low.map((p) => `${p.name} (${p.summary.score.median})`).join(', ')
  if (reportOnly) {
    console.log(`goal missed — median performance score below ${MIN_SCORE}: ${which}`)
    process.exit(0)
  }
  console.error(`✖ median performance score below ${MIN_SCORE}: ${which}`)
  process.exit(1)
}
console.log(`✔ every page's median performance score is ${MIN_SCORE} or more`)
