/**
 * The page check of issue 9, in `npm test`: every page of the H5 memory build (dist-h5/), as each role
 * that can reach it, in normal and in elder mode (长辈模式). Elder mode: text ≥ 18 px (inputs and text
 * areas too), line height ≥ 1.3, contrast ≥ 4.5:1, targets ≥ 60×60; normal mode: targets ≥ 44×44;
 * axe-core: no serious or critical violation. Prints the table per page (smallest text, smallest
 * target, misses, violations) and fails on any miss. Screenshots of every page in elder mode go to
 * artifacts/pages/. The same at 320 px wide runs beside it (pages-320.test.ts). The same check by
 * hand: `npm run check:pages` (`-- --width 320`).
 */
import { checkPages, passed, report } from './support/page-check'

/** Set here: Jest 29 ignores `testTimeout` inside a project entry. About 100 pages, twice each. */
const TEST_TIMEOUT = 1_500_000

describe('every page meets the numbers in normal and elder mode (H5, memory backend)', () => {
  it('text, targets, line height and contrast; axe-core has no serious or critical violation', async () => {
    const results = await checkPages()
    const table = report(results)
    console.log(table)
    if (!passed(results)) throw new Error(`the page check found misses:\n${table}`)
    expect(results.filter((m) => !m.chrome).length).toBeGreaterThanOrEqual(60)
  }, TEST_TIMEOUT)
})
