import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The modules a file loads at run time: imports and requires, not `import type`, not a lazy `import()`. */
export function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs = [
    ...[...text.matchAll(/^import\s+(?!type\s)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]),
    ...[...text.matchAll(/^export\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
    ...[...text.matchAll(/require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]),
  ]
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(dirname(file), s)
      return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'), base].find((f) => existsSync(f) && f.match(/\.tsx?$/))
    })
    .filter((f): f is string => Boolean(f))
}

/** Every module `roots` load at run time, themselves included. */
export function reachable(roots: string[]): Set<string> {
  const seen = new Set<string>()
  const queue = roots.filter((f) => existsSync(f))
  while (queue.length) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    queue.push(...runtimeImports(file))
  }
  return seen
}
