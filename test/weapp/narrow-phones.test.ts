/**
 * Elder mode's numbers on phones narrower than the 375 px the design is drawn at (issue 9, point 1).
 * rpx scales with the screen, so 36rpx would be 17.3 px on a 360 px Android phone and 15.4 px at
 * 320. config/postcss-size-floor.js writes those sizes as max(<375 px value>, <n>rpx); this reads the
 * compiled wxss of the REAL build (dist/) and resolves every such size at several widths.
 */
import fs from 'fs'
import path from 'path'
import { assertBuilt, DIST } from '../support/weapp-harness'
import { wxssRules } from './support/wxss'

const WIDTHS = [320, 360, 375, 414]
const ELDER = /(\.|--)(linli-)?elder\b/

interface Decl {
  file: string
  selector: string
  prop: string
  value: string
}

function wxssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? wxssFiles(full) : e.name.endsWith('.wxss') ? [full] : []
  })
}

function declarations(): Decl[] {
  return wxssFiles(DIST).flatMap((file) =>
    wxssRules(fs.readFileSync(file, 'utf8')).flatMap((rule) =>
      rule.written.map(([prop, value]) => ({ file: path.relative(DIST, file), selector: rule.selector, prop, value })),
    ),
  )
}

/** A length in CSS px on a phone `width` px wide (750rpx = the width); null when it is not one. */
function px(raw: string, width: number): number | null {
  const value = raw.replace(/\s*!important$/, '')
  const one = (v: string): number | null => {
    const m = v.trim().match(/^(\d+(?:\.\d+)?)(rpx|px)$/)
    if (!m) return null
    return m[2] === 'px' ? Number(m[1]) : (Number(m[1]) * width) / 750
  }
  const max = value.match(/^max\(([^,]+),([^)]+)\)$/)
  if (max) {
    const [a, b] = [one(max[1]), one(max[2])]
    return a === null || b === null ? null : Math.max(a, b)
  }
  return one(value)
}

beforeAll(() => assertBuilt())

test('every elder-mode text size is ≥ 18 px at 320, 360, 375 and 414 px wide', () => {
  const sizes = declarations().filter((d) => ELDER.test(d.selector) && /(^|-)font-size(-base)?$/.test(d.prop))
  const table = WIDTHS.map((w) => `${w}px: smallest ${Math.min(...sizes.map((d) => px(d.value, w) ?? Infinity)).toFixed(1)}`)
  // eslint-disable-next-line no-console
  console.log(`[narrow phones] ${sizes.length} elder text sizes · ${table.join(' · ')}`)
  expect(sizes.length).toBeGreaterThan(40)
  const misses = sizes.flatMap((d) => WIDTHS.filter((w) => (px(d.value, w) ?? 0) < 18 - 0.01).map((w) => `${d.file} ${d.selector} { ${d.prop}: ${d.value} } at ${w}px`))
  expect(misses).toEqual([])
})

test('targets keep their size on narrow phones: elder ≥ 60 px, normal ≥ 44 px where the design says so', () => {
  const targets = declarations().filter((d) => /^min-(height|width)$/.test(d.prop) && /rpx/.test(d.value))
  const checked = targets.filter((d) => {
    const at375 = px(d.value, 375) ?? 0
    return at375 >= 44
  })
  expect(checked.length).toBeGreaterThan(20)
  const misses = checked.flatMap((d) => {
    const at375 = px(d.value, 375)!
    return WIDTHS.filter((w) => (px(d.value, w) ?? 0) < at375 - 0.01).map((w) => `${d.file} ${d.selector} { ${d.prop}: ${d.value} } is ${px(d.value, w)!.toFixed(1)} px at ${w}px (${at375} at 375)`)
  })
  expect(misses).toEqual([])
})
