import { observable } from 'mobx'
import type { ApiClient } from '../../../src/api/client'
import { lazyApiClient } from '../../../src/api/lazy'
import { createMemoryApi } from '../../../src/api/memory'
import { MEMORY_CAPABILITIES, TOKEN_KEY } from '../../../src/api/memory/identity'
import { createLazyMemoryApi } from '../../../src/api/memory/lazy'
import { memoryStorage } from '../../../src/platform/storage'

/** A loaded client that only knows session.current and reports.listMine, counting its calls. */
function fakeClient(calls: string[]): ApiClient {
  return {
    mode: 'memory',
    capabilities: MEMORY_CAPABILITIES,
    session: { current: async () => (calls.push('session.current'), null) },
    reports: { listMine: async (...args: unknown[]) => (calls.push(`reports.listMine ${JSON.stringify(args)}`), { items: ['r-1'] }) },
  } as unknown as ApiClient
}

describe('an ApiClient loaded on its first call (H5: the adapter is a chunk of its own)', () => {
  it('knows its mode and capabilities without loading, and loads once on the first call', async () => {
    const calls: string[] = []
    const load = jest.fn(async () => fakeClient(calls))
    const api = lazyApiClient('memory', MEMORY_CAPABILITIES, load)
    expect(api.mode).toBe('memory')
    expect(api.capabilities.reports).toBe(true)
    expect(api.session).toBe(api.session)
    expect(load).not.toHaveBeenCalled()
    const [a, b] = await Promise.all([api.reports.listMine({ limit: 5 } as never), api.session.current()])
    expect(a).toEqual({ items: ['r-1'] })
    expect(b).toBeNull()
    expect(calls).toEqual(['reports.listMine [{"limit":5}]', 'session.current'])
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('fails a call whose load failed, and loads again on the next call', async () => {
    const calls: string[] = []
    const load = jest.fn().mockRejectedValueOnce(new Error('ChunkLoadError')).mockResolvedValue(fakeClient(calls))
    const api = lazyApiClient('memory', MEMORY_CAPABILITIES, load)
    await expect(api.session.current()).rejects.toThrow('ChunkLoadError')
    await expect(api.session.current()).resolves.toBeNull()
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('answers a shortcut without loading, and the shortcut may call the loaded client', async () => {
    const calls: string[] = []
    const load = jest.fn(async () => fakeClient(calls))
    let known = true
    const api = lazyApiClient('memory', MEMORY_CAPABILITIES, load, (loaded) => ({
      session: { current: async () => (known ? null : (await loaded()).session.current()) },
    }))
    await expect(api.session.current()).resolves.toBeNull()
    expect(load).not.toHaveBeenCalled()
    known = false
    await api.session.current()
    expect(calls).toEqual(['session.current'])
  })

  it('stays callable when a store keeps a part in an observable field (MobX leaves it as it is)', async () => {
    const calls: string[] = []
    const api = lazyApiClient('memory', MEMORY_CAPABILITIES, async () => fakeClient(calls))
    const store = observable({ reports: api.reports })
    await expect(store.reports.listMine()).resolves.toEqual({ items: ['r-1'] })
    expect(store.reports).toBe(api.reports)
  })

  it('is not mistaken for a promise', async () => {
    const api = lazyApiClient('memory', MEMORY_CAPABILITIES, async () => fakeClient([]))
    expect((api as unknown as { then?: unknown }).then).toBeUndefined()
    expect((api.session as unknown as { then?: unknown }).then).toBeUndefined()
    await expect(Promise.resolve(api)).resolves.toBe(api)
  })
})

describe('the memory adapter on H5, loaded on its first call', () => {
  it('behaves as the memory adapter: sign in, the session is restored, reports are listed', async () => {
    const storage = memoryStorage()
    const network = { isOnline: () => true, subscribe: () => () => undefined }
    const lazy = createLazyMemoryApi({ storage, network: network as never })
    expect(lazy.capabilities).toEqual(createMemoryApi({ storage: memoryStorage(), network: network as never }).capabilities)
    await expect(lazy.session.current()).resolves.toBeNull()
    const session = await lazy.session.signInDemo('u-wang')
    expect(storage.get(TOKEN_KEY)).toBe(session.token)
    // The same backend the sign-in went to: the session is found again.
    await expect(lazy.session.current()).resolves.toMatchObject({ user: { id: 'u-wang' } })
    const mine = await lazy.reports.listMine({ limit: 20 } as never)
    expect(Array.isArray((mine as { items: unknown[] }).items)).toBe(true)
    // And on a fresh client over the same device storage (an app restart).
    const again = createLazyMemoryApi({ storage, network: network as never })
    await expect(again.session.current()).resolves.toMatchObject({ user: { id: 'u-wang' } })
  })
})
