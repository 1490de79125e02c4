import { gzipSync } from 'node:zlib'

/** The pure parts of the H5 first-page JS budget (scripts/budget-h5.mjs) and of scripts/lighthouse.mjs. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const js = require('../../../scripts/h5-js-figures.cjs') as {
  HOME_GOAL: number
  HOME_CEILING: number
  jsFigures(responses: { url: string; body: Buffer; encoding?: string; transferred?: number }[]): {
    rows: { file: string; raw: number; gzip: number }[]
    total: { raw: number; gzip: number }
  }
  formatTable(title: string, figures: ReturnType<typeof js.jsFigures>, limit?: number, goal?: number): string
  withinLimit(figures: ReturnType<typeof js.jsFigures>, limit?: number): boolean
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const lh = require('../../../scripts/lighthouse-figures.cjs') as {
  MIN_SCORE: number
  runFigures(lhr: unknown): { score: number; lcp: number; tbt: number }
  spread(values: number[]): { min: number; median: number; max: number }
  summarise(runs: { score: number; lcp: number; tbt: number }[]): {
    runs: number
    score: { min: number; median: number; max: number }
    lcp: { min: number; median: number; max: number }
    tbt: { min: number; median: number; max: number }
  }
  formatTable(pages: { name: string; summary: ReturnType<typeof lh.summarise> }[]): string
  belowGoal(pages: { name: string; summary: ReturnType<typeof lh.summarise> }[], min?: number): { name: string }[]
}

const text = (n: number, seed: string) => Buffer.from(Array.from({ length: n }, (_, i) => `${seed}${i % 97};`).join(''))

describe('the H5 first-page JS figures', () => {
  const app = text(5000, 'var a=')
  const page = text(800, 'function p')

  it('sums what each file weighs raw and gzipped (level 9), largest first, a file counted once', () => {
    const figures = js.jsFigures([
      { url: 'http://127.0.0.1:1/js/9260.abc.js', body: page },
      { url: 'http://127.0.0.1:1/js/app.123.js', body: app },
      { url: 'http://127.0.0.1:1/js/app.123.js?again', body: app },
    ])
    const appGzip = gzipSync(app, { level: 9 }).length
    const pageGzip = gzipSync(page, { level: 9 }).length
    expect(figures.rows).toEqual([
      { file: 'app.123.js', raw: app.length, gzip: appGzip },
      { file: '9260.abc.js', raw: page.length, gzip: pageGzip },
    ])
    expect(figures.total).toEqual({ raw: app.length + page.length, gzip: appGzip + pageGzip })
  })

  it('takes the served length of a gzip answer as its gzip figure, and gzips anything else itself', () => {
    const figures = js.jsFigures([
      { url: 'http://h/js/a.js', body: app, encoding: 'gzip', transferred: 1234 },
      { url: 'http://h/js/b.js', body: page, encoding: 'br', transferred: 99 },
    ])
    expect(figures.rows.find((r) => r.file === 'a.js')!.gzip).toBe(1234)
    expect(figures.rows.find((r) => r.file === 'b.js')!.gzip).toBe(gzipSync(page, { level: 9 }).length)
  })

  it('prints file, raw and gzip per row and the total, fails the home page over its ceiling and reports the 120 KB goal', () => {
    expect(js.HOME_GOAL).toBe(120 * 1024)
    expect(js.HOME_CEILING).toBeGreaterThan(js.HOME_GOAL)
    const small = js.jsFigures([{ url: 'http://h/js/app.1.js', body: app }])
    const table = js.formatTable('home', small, js.HOME_CEILING, js.HOME_GOAL)
    expect(table).toMatch(/app\.1\.js\s+\d+\.\d KB\s+\d+\.\d KB/)
    expect(table).toMatch(/total \(1 files\)/)
    expect(table).toContain('✔')
    expect(table).toContain('goal 120.0 KB: met')
    expect(js.withinLimit(small, js.HOME_CEILING)).toBe(true)
    // Over the goal, under the ceiling: passes, and says by how much the goal is missed.
    const heavy = { rows: small.rows, total: { raw: 500_000, gzip: 150 * 1024 } }
    expect(js.withinLimit(heavy, js.HOME_CEILING)).toBe(true)
    expect(js.formatTable('home', heavy, js.HOME_CEILING, js.HOME_GOAL)).toContain('goal 120.0 KB: MISSED by 30.0 KB')
    // Over the ceiling: fails.
    const big = { rows: small.rows, total: { raw: 500_000, gzip: js.HOME_CEILING + 1 } }
    expect(js.withinLimit(big, js.HOME_CEILING)).toBe(false)
    expect(js.formatTable('home', big, js.HOME_CEILING)).toContain(`✖ ${(js.HOME_CEILING / 1024 + 0.0).toFixed(1)} KB gzipped of at most ${(js.HOME_CEILING / 1024).toFixed(1)} KB`)
    // A page without a limit is printed and never fails.
    expect(js.withinLimit(big)).toBe(true)
    expect(js.formatTable('inbox', big)).not.toMatch(/[✔✖]|goal/)
  })
})

describe('the Lighthouse figures', () => {
  const lhr = (score: number, lcp: number, tbt: number) => ({
    requestedUrl: 'http://h/#/pages/home/index',
    categories: { performance: { score } },
    audits: { 'largest-contentful-paint': { numericValue: lcp }, 'total-blocking-time': { numericValue: tbt } },
  })

  it('reads the score (0–100), LCP and TBT of a run, and refuses a failed run', () => {
    expect(lh.runFigures(lhr(0.934, 2100.5, 120))).toEqual({ score: 93, lcp: 2100.5, tbt: 120 })
    expect(() => lh.runFigures({ ...lhr(0.9, 1, 1), runtimeError: { code: 'NO_FCP', message: 'no paint' } })).toThrow('NO_FCP')
    expect(() => lh.runFigures({ ...lhr(0.9, 1, 1), categories: { performance: { score: null } } })).toThrow('no performance score')
  })

  it('summarises the runs of a page as min, median and max', () => {
    expect(lh.spread([91, 75, 88])).toEqual({ min: 75, median: 88, max: 91 })
    expect(lh.spread([1, 4, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4 })
    const summary = lh.summarise([
      { score: 91, lcp: 2000, tbt: 50 },
      { score: 95, lcp: 1800, tbt: 10 },
      { score: 89, lcp: 2400, tbt: 90 },
    ])
    expect(summary).toEqual({ runs: 3, score: { min: 89, median: 91, max: 95 }, lcp: { min: 1800, median: 2000, max: 2400 }, tbt: { min: 10, median: 50, max: 90 } })
    expect(lh.formatTable([{ name: 'home', summary }])).toMatch(/home\s+3\s+89 \/ 91 \/ 95\s+1\.80 s \/ 2\.00 s \/ 2\.40 s\s+10 ms \/ 50 ms \/ 90 ms/)
  })

  it('fails a page whose median score is below 90, not one whose worst run is', () => {
    expect(lh.MIN_SCORE).toBe(90)
    const page = (name: string, scores: number[]) => ({ name, summary: lh.summarise(scores.map((score) => ({ score, lcp: 1, tbt: 1 }))) })
    expect(lh.belowGoal([page('home', [85, 90, 97]), page('inbox', [70, 89, 99])]).map((p) => p.name)).toEqual(['inbox'])
  })
})
