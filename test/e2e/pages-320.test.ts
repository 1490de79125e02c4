/**
 * The page check at 320 px, the narrowest phone still sold (pages.test.ts has the numbers): text
 * wraps and nothing runs out of its box. A file of its own so that it runs beside the 375 px check.
 * Screenshots go to artifacts/pages-320/.
 */
import { checkPages, passed, report } from './support/page-check'

/** Set here: Jest 29 ignores `testTimeout` inside a project entry. About 100 pages, twice each. */
const TEST_TIMEOUT = 1_500_000

describe('every page meets the numbers on a 320 px phone (H5, memory backend)', () => {
  it('the same on the narrowest phone still sold, 320 px wide (text wraps, nothing runs out of its box)', async () => {
    const results = await checkPages({ width: 320, shots: 'artifacts/pages-320' })
    const table = report(results)
    console.log(table)
    if (!passed(results)) throw new Error(`the page check at 320 px found misses:\n${table}`)
    expect(results.filter((m) => !m.chrome).length).toBeGreaterThanOrEqual(60)
  }, TEST_TIMEOUT)
})
