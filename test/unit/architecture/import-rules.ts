import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

/**
 * The one-way import rule of docs/adr/0001-layers-and-the-import-rule.md, as data:
 *   types ← domain ← platform ← api ← stores ← screens (pages and feature folders)
 *   components import only types, domain and other components; the server only types and domain.
 */
export type Layer = 'types' | 'domain' | 'platform' | 'api' | 'stores' | 'components' | 'screens' | 'composition' | 'env' | 'server'

const MAY_IMPORT: Record<Layer, Layer[]> = {
  types: ['types'],
  domain: ['types', 'domain'],
  env: [],
  platform: ['types', 'platform'],
  api: ['types', 'domain', 'platform', 'api', 'env'],
  stores: ['types', 'domain', 'platform', 'api', 'stores'],
  components: ['types', 'domain', 'components'],
  screens: ['types', 'domain', 'platform', 'api', 'stores', 'components', 'screens'],
  composition: ['types', 'domain', 'platform', 'api', 'stores', 'components', 'screens', 'env', 'composition'],
  server: ['types', 'domain', 'server'],
}

/** Packages a layer may use; anything not matched by its list is forbidden. */
const PACKAGES: Record<Layer, RegExp | null> = {
  types: /^typebox$/,
  domain: null,
  env: null,
  platform: /^(@tarojs\/taro|dayjs)(\/|$)/,
  api: /^@tarojs\/taro$/,
  stores: /^(mobx|react)$/,
  components: /^(react|@tarojs\/components|@nutui\/nutui-react-taro)(\/|$)/,
  screens: /./,
  composition: /./,
  server: /./,
}

/** Which layer a file belongs to, from its path relative to the project root. */
export function layerOf(file: string): Layer | null {
  const p = file.split(sep).join('/')
  if (p.startsWith('types/')) return 'types'
  if (p.startsWith('server/')) return 'server'
  if (!p.startsWith('src/')) return null
  // Import specifiers carry no extension: compare without one.
  const rest = p.slice(4).replace(/\.(tsx?|jsx?)$/, '')
  if (rest === 'env') return 'env'
  if (rest === 'app' || rest === 'bootstrap' || rest === 'app.config') return 'composition'
  const top = rest.split('/')[0]
  if (top === 'domain') return 'domain'
  if (top === 'platform') return 'platform'
  if (top === 'api') return 'api'
  if (top === 'stores') return 'stores'
  if (top === 'components') return 'components'
  // pages/, ui/, navigation.ts and every feature subpackage (auth/, reports/, staff/ …)
  return 'screens'
}

export interface Violation {
  file: string
  specifier: string
  reason: string
}

const IMPORT = /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm

export function importsOf(source: string): string[] {
  const found: string[] = []
  for (const m of source.matchAll(IMPORT)) found.push(m[1] ?? m[2] ?? m[3] ?? m[4])
  return found
}

/** Check one file's imports (`file` relative to `root`). */
export function checkFile(root: string, file: string, source: string): Violation[] {
  const layer = layerOf(file)
  if (!layer) return []
  const violations: Violation[] = []
  for (const specifier of importsOf(source)) {
    if (/\.(css|png|jpg|svg)$/.test(specifier)) continue
    if (specifier.startsWith('.') || specifier.startsWith('@/')) {
      const target = specifier.startsWith('@/')
        ? join('src', specifier.slice(2))
        : relative(root, resolve(root, dirname(file), specifier))
      const targetLayer = layerOf(target)
      if (targetLayer === null) {
        violations.push({ file, specifier, reason: `imports outside src/ and types/` })
      } else if (!MAY_IMPORT[layer].includes(targetLayer)) {
        violations.push({ file, specifier, reason: `${layer} may not import ${targetLayer}` })
      }
      continue
    }
    const allowed = PACKAGES[layer]
    if (!allowed || !allowed.test(specifier)) {
      violations.push({ file, specifier, reason: `${layer} may not use the package "${specifier}"` })
    }
  }
  return violations
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'native') return []
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

export function checkTree(root: string, dirs: string[]): Violation[] {
  return dirs.flatMap((dir) => {
    let files: string[] = []
    try {
      files = walk(join(root, dir))
    } catch {
      return []
    }
    return files.flatMap((path) => checkFile(root, relative(root, path), readFileSync(path, 'utf8')))
  })
}
