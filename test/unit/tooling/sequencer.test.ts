import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The sequencer jest.config.js names (plain CommonJS, as jest loads it).
const KnownLongFirst = require('../../support/sequencer')

/** A test file as jest hands it to a sequencer: no timings cached (a fresh clone), sizes from `sizes`. */
function files(sizes: Record<string, number>) {
  const cacheDirectory = mkdtempSync(join(tmpdir(), 'linli-seq-'))
  const context = { config: { cacheDirectory, name: 'e2e' }, hasteFS: { getSize: (path: string) => sizes[path] } }
  return Object.keys(sizes).map((path) => ({ path, context }))
}

describe('the test sequencer (test/support/sequencer.js)', () => {
  it('starts the files known to be long first, though small, and keeps jest’s order (largest first) for the rest', () => {
    const tests = files({
      '/r/test/e2e/open311.test.ts': 4_000,
      '/r/test/e2e/pages-2.test.ts': 300,
      '/r/test/e2e/resident-report.test.ts': 20_000,
      '/r/test/e2e/pages.test.ts': 900,
      '/r/test/e2e/go-live.test.ts': 15_000,
      '/r/server/test/fuzz.test.ts': 2_000,
    })
    const order = new KnownLongFirst().sort(tests).map((t: { path: string }) => t.path)
    expect(order).toEqual([
      '/r/test/e2e/go-live.test.ts',
      '/r/server/test/fuzz.test.ts',
      '/r/test/e2e/pages.test.ts',
      '/r/test/e2e/pages-2.test.ts',
      '/r/test/e2e/resident-report.test.ts',
      '/r/test/e2e/open311.test.ts',
    ])
  })
})
