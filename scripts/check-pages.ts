// `npm run check:pages`: the page check of issue 9 on the H5 memory build (dist-h5/) — prints the
// table per page and mode and exits non-zero on any miss. `-- --only 'u-wang reports'` narrows it,
// `-- --width 360` checks another phone width (default 375).
import { checkPages, passed, report } from '../test/e2e/support/page-check'

async function main(): Promise<void> {
  const at = process.argv.indexOf('--only')
  const only = at >= 0 ? process.argv[at + 1] : undefined
  const w = process.argv.indexOf('--width')
  const width = w >= 0 ? Number(process.argv[w + 1]) : undefined
  const results = await checkPages({ only, width, log: (l) => console.log(l) })
  console.log('\n' + report(results))
  process.exit(passed(results) ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(2)
})
