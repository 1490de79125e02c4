// The H5 first-page JS budget (docs/budgets.md): what a browser downloads to show the home page —
// index.html's scripts and the chunks the home route loads — should be at most 120 KB gzipped (the
// goal, reported as met or missed) and may not grow past its ceiling (HOME_CEILING). Serves a built
// H5 folder (default dist-h5/, the memory build; `--dist DIR` or LINLI_H5_DIST for another) through
// scripts/static-server.cjs, opens the home page in Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium), records every JavaScript response and prints a table per page (file, raw,
// gzip). The report form (signed in as a resident) and the staff inbox (signed in as staff, on the
// memory backend's demo accounts) are printed too, without a limit; on a build without the memory
// backend (http, open311) only the home page is measured. Exits 1 when the home page is over its ceiling.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const require = createRequire(import.meta.url)
const { serveStatic } = require('./static-server.cjs')
const { HOME_CEILING, HOME_GOAL, formatTable, jsFigures, withinLimit } = require('./h5-js-figures.cjs')

const distArg = process.argv.indexOf('--dist')
const dist = distArg >= 0 ? process.argv[distArg + 1] : process.env.LINLI_H5_DIST || new URL('../dist-h5', import.meta.url).pathname

/** The pages measured: each as the person who sees it, ready once its selector shows. */
const PAGES = [
  { name: 'home (first visit)', route: '/pages/home/index', role: null, ready: '.home__greeting', limit: HOME_CEILING, goal: HOME_GOAL },
  { name: 'report form (resident 王秀兰)', route: '/reports/new/index', role: 'u-wang', ready: '.report-form__submit' },
  { name: 'inbox (staff 张敏)', route: '/staff/workspace/index', role: 'u-zhang', ready: '.inbox-row' },
]

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`✖ ${join(dist, 'index.html')} not found: build H5 first (NODE_ENV=production npx taro build --type h5)`)
  process.exit(1)
}

/** A memory build carries the demo backend's storage key (scripts/budget.mjs checks the same marker). */
const memoryBuild = readdirSync(join(dist, 'js')).some((f) => f.endsWith('.js') && readFileSync(join(dist, 'js', f), 'utf8').includes('linli.mem'))

/** Every JavaScript file one page load downloads, until the page is ready and the network is quiet. */
async function measure(browser, base, spec) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
  try {
    if (spec.role) {
      // The memory backend's demo sign-in, as the page check does; the session stays in this context's storage.
      const first = await context.newPage()
      await first.goto(`${base}#/pages/home/index`)
      await first.waitForFunction('window.__linli && window.__linli.root')
      const ok = await first.evaluate(`window.__linli.root.session.signInDemo(${JSON.stringify(spec.role)})`)
      if (!ok) throw new Error(`demo sign-in as ${spec.role} failed (is ${dist} a memory build?)`)
      await first.close()
    }
    const page = await context.newPage()
    const pending = []
    page.on('response', (response) => {
      const type = response.headers()['content-type'] || ''
      if (!/javascript/.test(type) && !response.url().endsWith('.js')) return
      pending.push(
        response.body().then((body) => ({
          url: response.url(),
          body,
          encoding: response.headers()['content-encoding'],
          transferred: Number(response.headers()['content-length']),
        })),
      )
    })
    await page.goto(`${base}#${spec.route}`)
    await page.locator(`.taro_page_stationed:visible ${spec.ready}`).locator('visible=true').first().waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    return jsFigures(await Promise.all(pending))
  } finally {
    await context.close()
  }
}

const { url, server } = await serveStatic(dist)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
let failed = false
try {
  console.log(`H5 first-page JavaScript of ${dist} (every JS file each page downloads; gzip level 9)\n`)
  for (const spec of PAGES) {
    if (spec.role && !memoryBuild) {
      console.log(`${spec.name}: not measured (no demo accounts to sign in with: not a memory build)\n`)
      continue
    }
    const figures = await measure(browser, url, spec)
    console.log(`${formatTable(spec.name, figures, spec.limit, spec.goal)}\n`)
    if (!withinLimit(figures, spec.limit)) failed = true
  }
} finally {
  await browser.close()
  await new Promise((resolve) => server.close(resolve))
}
if (failed) {
  console.error('✖ the home page downloads more JavaScript than its ceiling (docs/budgets.md)')
  process.exit(1)
}
console.log('✔ within the H5 first-page budget')
