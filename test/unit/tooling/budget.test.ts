import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const script = join(__dirname, '../../../scripts/budget.mjs')

function fakeDist(mainBytes: number, subBytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-budget-'))
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'reports', pages: [] }] }))
  writeFileSync(join(dir, 'vendors.js'), Buffer.alloc(mainBytes, 97))
  mkdirSync(join(dir, 'reports'))
  writeFileSync(join(dir, 'reports', 'index.js'), Buffer.alloc(subBytes, 97))
  // Source maps are not shipped and must not count.
  writeFileSync(join(dir, 'vendors.js.map'), Buffer.alloc(3 * 1024 * 1024, 97))
  return dir
}

function runBudget(dist: string) {
  return spawnSync(process.execPath, [script], { env: { ...process.env, LINLI_WEAPP_DIST: dist }, encoding: 'utf8' })
}

describe('the weapp size budget check', () => {
  it('passes a build within budget and prints each package size', () => {
    const run = runBudget(fakeDist(500 * 1024, 100 * 1024))
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/main package\s+\d+\.\d KB/)
    expect(run.stdout).toMatch(/subpackage reports\/\s+100\.0 KB/)
  })

  it('fails when the main package is over 1 MB', () => {
    const run = runBudget(fakeDist(1100 * 1024, 10))
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('budget(s) exceeded')
  })

  it('fails when a subpackage is over 2 MB', () => {
    const run = runBudget(fakeDist(10, 2100 * 1024))
    expect(run.status).toBe(1)
  })
})
