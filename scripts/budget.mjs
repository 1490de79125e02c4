// Size budget of the weapp build (../shared/budgets.md): main package ≤ 1 MB, each subpackage ≤ 2 MB,
// total ≤ 20 MB. Prints every figure; exits 1 when one is over. Run after `taro build --type weapp`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const KB = 1024
const LIMITS = { main: 1024 * KB, subpackage: 2048 * KB, total: 20 * 1024 * KB }
const dist = process.env.LINLI_WEAPP_DIST || new URL('../dist', import.meta.url).pathname

if (!existsSync(join(dist, 'app.json'))) {
  console.error('✖ dist/app.json not found: build the weapp first (npm run build:weapp)')
  process.exit(1)
}

const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'))
const roots = (app.subPackages || app.subpackages || []).map((p) => p.root.replace(/\/$/, ''))

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

// What WeChat uploads: everything but DevTools' project files and source maps.
const shipped = files(dist).filter((f) => !/project(\.private)?\.config\.json$|\.map$/.test(f))
const sizes = { main: 0 }
for (const root of roots) sizes[root] = 0
for (const file of shipped) {
  const rel = relative(dist, file).split(sep).join('/')
  const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
  sizes[root ?? 'main'] += statSync(file).size
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0)

const rows = [
  ['main package', sizes.main, LIMITS.main],
  ...roots.map((r) => [`subpackage ${r}/`, sizes[r], LIMITS.subpackage]),
  ['total', total, LIMITS.total],
]
let over = 0
console.log('weapp size budget (dist/)')
for (const [name, size, limit] of rows) {
  const ok = size <= limit
  if (!ok) over += 1
  console.log(`  ${ok ? '✔' : '✖'} ${name.padEnd(24)} ${(size / KB).toFixed(1).padStart(8)} KB  / ${(limit / KB).toFixed(0)} KB  (${((size / limit) * 100).toFixed(0)}%)`)
}
if (over) {
  console.error(`✖ ${over} budget(s) exceeded`)
  process.exit(1)
}
console.log('✔ within budget')
