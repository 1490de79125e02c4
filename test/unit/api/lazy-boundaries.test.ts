import { join, relative, resolve } from 'node:path'
import { readdirSync } from 'node:fs'
import { lazyPart, retryingOnce } from '../../../src/api/lazy'
import { reachable } from '../../support/module-graph'

const SRC = resolve(__dirname, '../../../src')

/** Everything the main package loads: the app, the tab pages, the tab bar, and what they import (not `import()`). */
const main = (): Set<string> =>
  reachable([join(SRC, 'app.tsx'), join(SRC, 'custom-tab-bar', 'index.tsx'), ...readdirSync(join(SRC, 'pages')).map((p) => join(SRC, 'pages', p, 'index.tsx'))])

describe('what the weapp main package leaves to subpackages and lazy chunks (ADR 37)', () => {
  it('loads the HTTP adapter without the groups only subpackage pages call, nor every endpoint', () => {
    const loaded = main()
    expect(loaded.has(join(SRC, 'api/http/client.ts'))).toBe(true)
    const later = ['groups/later', 'groups/conventions', 'groups/services', 'groups/handling', 'groups/dashboard', 'groups/invites', 'groups/moderation', 'groups/admin', 'endpoints/index', 'index']
    expect(later.map((f) => join(SRC, 'api/http', `${f}.ts`)).filter((f) => loaded.has(f)).map((f) => relative(SRC, f))).toEqual([])
  })

  it('loads neither the rules of conventions and disclosures nor a service’s staff-side checks', () => {
    const loaded = main()
    const rules = ['domain/consultation/conventions.ts', 'domain/consultation/disclosures.ts', 'domain/booking/service-validation.ts']
    expect(rules.filter((f) => loaded.has(join(SRC, f)))).toEqual([])
  })
})

describe('lazyPart over retryingOnce (how the HTTP client loads its later groups)', () => {
  it('answers an eager method without loading, loads once for the others, and tries again after a failed load', async () => {
    let loads = 0
    let fail = true
    const part = lazyPart<{ a: () => Promise<string>; b: (n: number) => Promise<number> }>(
      retryingOnce(async () => {
        loads++
        if (fail) throw new Error('offline')
        return { a: async () => 'loaded a', b: async (n: number) => n * 2 }
      }),
      { a: async () => 'eager a' },
    )
    await expect(part.a()).resolves.toBe('eager a')
    expect(loads).toBe(0)
    await expect(part.b(1)).rejects.toThrow('offline')
    fail = false
    await expect(part.b(2)).resolves.toBe(4)
    await expect(part.b(3)).resolves.toBe(6)
    expect(loads).toBe(2)
    // A promise-like check (await part) does not see a `then`.
    expect((part as unknown as { then?: unknown }).then).toBeUndefined()
  })
})
