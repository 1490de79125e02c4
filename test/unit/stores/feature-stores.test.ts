import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { reachable } from '../../support/module-graph'
import { FeatureStoreCache, type FeatureContext } from '../../../src/stores/features'

const SRC = resolve(__dirname, '../../../src')
/** The subpackages whose screens have stores of their own (src/<root>/stores.ts). */
const WITH_STORES = readdirSync(SRC).filter((dir) => existsSync(join(SRC, dir, 'stores.ts')))
/** The store modules those register (claims review: by two of them). */
const FEATURE_STORE_FILES = [
  ...new Set(
    WITH_STORES.flatMap((dir) =>
      [...readFileSync(join(SRC, dir, 'stores.ts'), 'utf8').matchAll(/from '\.\.\/stores\/([a-z-]+-store)'/g)].map((m) => join(SRC, 'stores', `${m[1]}.ts`)),
    ),
  ),
]

/** Everything the main package loads: the app, the tab pages, the tab bar, and what they import. */
function mainPackageModules(): Set<string> {
  const roots = [join(SRC, 'app.tsx'), join(SRC, 'custom-tab-bar', 'index.tsx'), ...readdirSync(join(SRC, 'pages')).map((p) => join(SRC, 'pages', p, 'index.tsx'))]
  return reachable(roots)
}

describe('the stores of one subpackage (ADR 32)', () => {
  it('are registered by four subpackages, fifteen stores', () => {
    expect(WITH_STORES.sort()).toEqual(['admin', 'booking', 'consult', 'staff'])
    expect(FEATURE_STORE_FILES).toHaveLength(15)
  })

  it('are not loaded by the main package (the app, the tab pages, the tab bar and all they import)', () => {
    const main = mainPackageModules()
    expect(main.size).toBeGreaterThan(50)
    expect(main.has(join(SRC, 'stores', 'root-store.ts'))).toBe(true)
    const leaked = FEATURE_STORE_FILES.filter((f) => main.has(f)).map((f) => relative(SRC, f))
    expect(leaked).toEqual([])
  })

  it.each(WITH_STORES)('are imported first by every page of %s/', (dir) => {
    const pages = readdirSync(join(SRC, dir)).filter((p) => existsSync(join(SRC, dir, p, 'index.tsx')))
    expect(pages.length).toBeGreaterThan(2)
    for (const page of pages) {
      const firstImport = readFileSync(join(SRC, dir, page, 'index.tsx'), 'utf8').match(/^import .*$/m)?.[0]
      expect(`${dir}/${page}: ${firstImport}`).toBe(`${dir}/${page}: import '../stores'`)
    }
  })

  it('build each store once, on first use', () => {
    let built = 0
    const context = { onSignOut: () => undefined } as unknown as FeatureContext
    const cache = new FeatureStoreCache(() => {
      built++
      return context
    })
    expect(cache.peek('votes')).toBeUndefined()
    const votes = cache.get('votes')
    expect(cache.get('votes')).toBe(votes)
    expect(cache.peek('votes')).toBe(votes)
    expect(built).toBe(1)
  })

  it('say which file to import when the store is not registered', async () => {
    jest.resetModules()
    // A fresh registry: no subpackage loaded.
    const { FeatureStoreCache: Fresh } = (await import('../../../src/stores/features')) as typeof import('../../../src/stores/features')
    const cache = new Fresh(() => ({}) as FeatureContext)
    expect(() => cache.get('inbox')).toThrow('store "inbox": its subpackage\'s stores.ts is not loaded')
  })
})
