import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const script = join(__dirname, '../../../scripts/budget.mjs')

/** The fake builds of this file (a 3 MB source map each): removed after the tests. */
const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** A weapp build of the given sizes; `appJs` is the main package's app.js (what a lean build is checked on). */
function fakeDist(mainBytes: number, subBytes: number, appJs = 'App({})'): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-budget-'))
  made.push(dir)
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'reports', pages: [] }] }))
  writeFileSync(join(dir, 'app.js'), appJs)
  writeFileSync(join(dir, 'vendors.js'), Buffer.alloc(mainBytes, 97))
  mkdirSync(join(dir, 'reports'))
  writeFileSync(join(dir, 'reports', 'index.js'), Buffer.alloc(subBytes, 97))
  // Source maps are not shipped and must not count.
  writeFileSync(join(dir, 'vendors.js.map'), Buffer.alloc(3 * 1024 * 1024, 97))
  return dir
}

function runBudget(dist: string, mode: 'memory' | 'http' | 'open311' = 'memory') {
  return spawnSync(process.execPath, [script, '--mode', mode], { env: { ...process.env, LINLI_WEAPP_DIST: dist }, encoding: 'utf8' })
}

/** How terser writes non-ASCII text into the bundle (ascii_only): `映月` → `\u6620\u6708`. */
const escaped = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

describe('the weapp size budget check', () => {
  it('passes a build within budget and prints each package size', () => {
    const run = runBudget(fakeDist(500 * 1024, 100 * 1024))
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/memory build/)
    expect(run.stdout).toMatch(/main package\s+\d+\.\d KB/)
    expect(run.stdout).toMatch(/of which app\.js\s+\d+\.\d KB/)
    expect(run.stdout).toMatch(/subpackage reports\/\s+100\.0 KB/)
  })

  it('reports the 500 KB main-package and 300 KB subpackage goals as met without failing', () => {
    const run = runBudget(fakeDist(400 * 1024, 100 * 1024))
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/main package .*goal 500 KB: met/)
    expect(run.stdout).toMatch(/subpackage reports\/ .*goal 300 KB: met/)
    expect(run.stdout).toContain('✔ goals met: main package ≤ 500 KB, each subpackage ≤ 300 KB')
  })

  it('reports a missed goal and by how much, and still passes under the hard ceilings', () => {
    const run = runBudget(fakeDist(600 * 1024, 350 * 1024))
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/main package .*goal 500 KB: MISSED by 100\.\d KB/)
    expect(run.stdout).toMatch(/subpackage reports\/ .*goal 300 KB: MISSED by 50\.0 KB/)
    expect(run.stdout).toContain('✖ goals MISSED (2 of 2)')
    expect(run.stdout).toContain('within budget')
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

  it('refuses a mode it does not know', () => {
    const run = runBudget(fakeDist(10, 10), 'georeport' as 'http')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('"memory", "http" or "open311"')
  })
})

describe('the lean-build check', () => {
  it('passes an HTTP build without the demo backend and data, and a memory build without the HTTP adapter', () => {
    const http = runBudget(fakeDist(10, 10, 'const prefix="/api/v1",token="linli.http.token"'), 'http')
    expect(http.status).toBe(0)
    expect(http.stdout).toMatch(/http build/)
    expect(http.stdout).toContain('lean http build')
    const memory = runBudget(fakeDist(10, 10, 'const key="linli.mem.state",name="映月社区"'), 'memory')
    expect(memory.status).toBe(0)
    expect(memory.stdout).toContain('lean memory build')
  })

  it.each([
    ['the demo community’s name', '{id:"c-yingyue",name:"映月社区"}', '映月社区'],
    ['the demo community’s name, \\u-escaped as terser writes it', `{id:"c-yingyue",name:"${escaped('映月社区')}"}`, '映月社区'],
    ['a demo resident', `{id:"u-wang",name:"${escaped('王秀兰')}"}`, '王秀兰'],
    ['the memory backend', 'const PREFIX="linli.mem"', 'linli.mem'],
  ])('fails an HTTP build that ships %s', (_what, appJs, marker) => {
    const run = runBudget(fakeDist(10, 10, appJs), 'http')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`"${marker}" in app.js`)
    expect(run.stderr).toContain('ships code or data of the other mode')
  })

  it('finds the demo data in a subpackage too', () => {
    const dir = fakeDist(10, 10)
    writeFileSync(join(dir, 'reports', 'index.js'), `const u={name:"${escaped('王秀兰')}"}`)
    const run = runBudget(dir, 'http')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('in reports/index.js')
  })

  it('lets the sign-in screen name the demo community in its copy', () => {
    const copy = `children:"${escaped('这是演示社区“映月社区”。请选择一个身份体验：')}"`
    expect(runBudget(fakeDist(10, 10, copy), 'http').status).toBe(0)
  })

  it.each([
    ['the HTTP adapter’s route prefix', 'const API={prefix:"/api/v1"}', '/api/v1'],
    ['the HTTP adapter’s token key', 'const TOKEN_KEY="linli.http.token"', 'linli.http.'],
  ])('fails a memory build that ships %s', (_what, appJs, marker) => {
    const run = runBudget(fakeDist(10, 10, appJs), 'memory')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`"${marker}" in app.js`)
  })

  it('passes an open311 build that carries only the Open311 adapter', () => {
    const run = runBudget(fakeDist(10, 10, 'const key="linli.open311:"'), 'open311')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('lean open311 build')
  })

  it.each([
    ['the memory backend', 'const PREFIX="linli.mem"', 'linli.mem'],
    ['the demo data', `{name:"${escaped('映月社区')}"}`, '映月社区'],
    ['the HTTP adapter', 'const API={prefix:"/api/v1"}', '/api/v1'],
  ])('fails an open311 build that ships %s', (_what, appJs, marker) => {
    const run = runBudget(fakeDist(10, 10, appJs), 'open311')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`"${marker}" in app.js`)
  })

  it.each(['memory', 'http'] as const)('fails a %s build that ships the Open311 adapter', (mode) => {
    const appJs = mode === 'http' ? 'const p="/api/v1",k="linli.open311:"' : 'const k="linli.mem.state",o="linli.open311:"'
    const run = runBudget(fakeDist(10, 10, appJs), mode)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('"linli.open311" in app.js')
  })

  it('takes the mode from TARO_APP_API_MODE when not given', () => {
    const dir = fakeDist(10, 10, 'name:"映月社区"')
    const run = spawnSync(process.execPath, [script], { env: { ...process.env, LINLI_WEAPP_DIST: dir, TARO_APP_API_MODE: 'http' }, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('http build ships the demo data')
  })
})
