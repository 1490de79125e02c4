// The pure parts of scripts/lighthouse.mjs: the figures of one Lighthouse run, min/median/max over
// the runs of a page, the table and the verdict. Tested in test/unit/tooling.

/** What the median performance score of each page must reach (docs/budgets.md). */
const MIN_SCORE = 90

/** Score (0–100), LCP and TBT (ms) of one Lighthouse result (its `lhr`); throws on a failed run. */
function runFigures(lhr) {
  if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${lhr.requestedUrl}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const score = lhr.categories?.performance?.score
  if (typeof score !== 'number') throw new Error(`Lighthouse gave no performance score for ${lhr.requestedUrl}`)
  const ms = (id) => {
    const value = lhr.audits?.[id]?.numericValue
    if (typeof value !== 'number') throw new Error(`Lighthouse gave no ${id} for ${lhr.requestedUrl}`)
    return value
  }
  return { score: Math.round(score * 100), lcp: ms('largest-contentful-paint'), tbt: ms('total-blocking-time') }
}

/** min, median and max of some numbers (the median of an even count is the mean of the middle two). */
function spread(values) {
  if (!values.length) throw new Error('no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { min: sorted[0], median, max: sorted[sorted.length - 1] }
}

/** A page's runs summed up: score, LCP and TBT each as min/median/max. */
function summarise(runs) {
  return {
    runs: runs.length,
    score: spread(runs.map((r) => r.score)),
    lcp: spread(runs.map((r) => r.lcp)),
    tbt: spread(runs.map((r) => r.tbt)),
  }
}

const fmt = {
  score: (v) => String(Math.round(v)),
  lcp: (v) => `${(v / 1000).toFixed(2)} s`,
  tbt: (v) => `${Math.round(v)} ms`,
}

/** The table: one row per page, min / median / max of each figure. */
function formatTable(pages) {
  const width = Math.max(14, ...pages.map((p) => p.name.length))
  const cell = (s, key) => `${fmt[key](s[key].min)} / ${fmt[key](s[key].median)} / ${fmt[key](s[key].max)}`
  const line = (a, b, c, d, e) => `  ${a.padEnd(width)} ${b.padStart(4)}  ${c.padEnd(16)} ${d.padEnd(26)} ${e}`
  const out = [line('page', 'runs', 'score', 'LCP', 'TBT'), line('', '', '(min/med/max)', '(min/med/max)', '(min/med/max)')]
  for (const p of pages) out.push(line(p.name, String(p.summary.runs), cell(p.summary, 'score'), cell(p.summary, 'lcp'), cell(p.summary, 'tbt')))
  return out.join('\n')
}

/** The pages whose median score is below the goal. */
function belowGoal(pages, min = MIN_SCORE) {
  return pages.filter((p) => p.summary.score.median < min)
}

module.exports = { MIN_SCORE, belowGoal, formatTable, runFigures, spread, summarise }
