/**
 * Which of NutUI's Button variants the app's sources use (ADR 37): every `<Button …>` opening tag in
 * src/, its `type`, `fill`, `size` and `shape`. A value written as a string is that value; an
 * expression counts the strings it contains, and one without any (a variable, a spread of props)
 * counts every value of that prop, so nothing the app may draw is ever left out. NutUI's own
 * defaults (type default, size normal, shape round) are always in.
 */
const { readdirSync, readFileSync, statSync } = require('node:fs')
const { join } = require('node:path')

const ALL = {
  type: ['default', 'primary', 'info', 'success', 'warning', 'danger'],
  fill: ['solid', 'outline', 'dashed', 'none'],
  size: ['xlarge', 'large', 'normal', 'small', 'mini'],
  shape: ['round', 'square'],
}
const DEFAULTS = { type: ['default'], fill: [], size: ['normal'], shape: ['round'] }

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : /\.tsx$/.test(name) ? [path] : []
  })
}

/** The opening tags `<Button …>` of a file, braces balanced (a prop's expression may hold `>`). */
function buttonTags(text) {
  const tags = []
  for (let at = text.indexOf('<Button'); at >= 0; at = text.indexOf('<Button', at + 1)) {
    if (/[A-Za-z0-9_]/.test(text[at + 7] ?? '')) continue
    let depth = 0
    let end = at
    for (; end < text.length; end++) {
      const c = text[end]
      if (c === '{') depth++
      else if (c === '}') depth--
      else if (c === '>' && depth === 0) break
    }
    tags.push(text.slice(at, end))
  }
  return tags
}

/** What a tag's props may be: per prop, the values; `undefined` when any value may be. */
function propsOf(tag) {
  const out = {}
  if (/\{\s*\.\.\./.test(tag)) return { type: undefined, fill: undefined, size: undefined, shape: undefined, spread: true }
  for (const prop of Object.keys(ALL)) {
    const m = new RegExp(`\\s${prop}=('([^']*)'|"([^"]*)"|\\{)`).exec(tag)
    if (!m) continue
    if (m[1] !== '{') {
      out[prop] = [m[2] ?? m[3]]
      continue
    }
    // The expression up to its closing brace.
    let depth = 1
    let i = m.index + m[0].length
    for (; i < tag.length && depth > 0; i++) depth += tag[i] === '{' ? 1 : tag[i] === '}' ? -1 : 0
    const strings = [...tag.slice(m.index + m[0].length, i - 1).matchAll(/'([^']*)'|"([^"]*)"/g)].map((s) => s[1] ?? s[2])
    out[prop] = strings.length ? strings : undefined
  }
  return out
}

/** The values of each prop some Button of `srcDir` may have. */
function usedVariants(srcDir) {
  const used = Object.fromEntries(Object.keys(ALL).map((p) => [p, new Set(DEFAULTS[p])]))
  for (const file of sources(srcDir)) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes('<Button')) continue
    for (const tag of buttonTags(text)) {
      const props = propsOf(tag)
      for (const prop of Object.keys(ALL)) {
        if (!(prop in props)) continue
        for (const v of props[prop] ?? ALL[prop]) used[prop].add(v)
      }
    }
  }
  return Object.fromEntries(Object.entries(used).map(([p, s]) => [p, [...s]]))
}

/** The class names NutUI's Button (button.js) gives for these values. */
function classesOf({ type, fill, size, shape }) {
  const c = new Set()
  const add = (...parts) => c.add(`nut-button-${parts.join('-')}`)
  for (const t of type) {
    add(t)
    add(t, 'solid')
    add(t, 'disabled')
    add(t, 'children')
    for (const f of fill) {
      add(t, f)
      add(t, f, 'disabled')
    }
  }
  for (const f of fill) add(f)
  for (const s of size) {
    add(s)
    add(s, 'children')
    for (const sh of shape) add(sh, s)
  }
  for (const sh of shape) add(sh)
  return c
}

/** The Button classes no Button of the app can carry. */
function unusedButtonClasses(srcDir) {
  const possible = classesOf(ALL)
  const used = classesOf(usedVariants(srcDir))
  return [...possible].filter((c) => !used.has(c))
}

module.exports = { usedVariants, unusedButtonClasses, buttonTags, propsOf }
