import type { Capabilities } from './capabilities'
import type { ApiClient } from './client'

/** Calls answered without loading the adapter: per part of the client, a function per method. */
export type LazyShortcuts = { [K in Exclude<keyof ApiClient, 'mode' | 'capabilities'>]?: Partial<ApiClient[K]> }

/**
 * An ApiClient whose adapter is loaded on its first call: on H5 the adapter is a chunk of its own
 * (webpack's `import()`), so the first page paints before it has been downloaded (issue 15).
 *
 * `mode` and `capabilities` are known up front; every other method (they all answer a promise)
 * waits for `load`, then calls the loaded client's method of the same name. `load` runs once; if it
 * fails (the chunk could not be fetched, e.g. offline) the call fails and the next call tries again.
 * `shortcuts` answer some calls without the adapter when they can know the answer (no session
 * token: no session); they are handed the loader, to call the adapter when they cannot.
 */
export function lazyApiClient(
  mode: ApiClient['mode'],
  capabilities: Capabilities,
  load: () => Promise<ApiClient>,
  shortcuts: (loaded: () => Promise<ApiClient>) => LazyShortcuts = () => ({}),
): ApiClient {
  const loaded = retryingOnce(load)
  const own = shortcuts(loaded) as Record<string, Record<string, unknown> | undefined>
  const parts = new Map<string, object>()
  const part = (name: string): object => {
    let found = parts.get(name)
    if (!found) {
      found = lazyPart(() => loaded().then((client) => (client as unknown as Record<string, object>)[name]), own[name] ?? {})
      parts.set(name, found)
    }
    return found
  }
  return new Proxy({ mode, capabilities } as ApiClient, {
    get(target, name) {
      if (name === 'mode' || name === 'capabilities') return target[name]
      if (typeof name !== 'string' || name === 'then') return undefined
      return part(name)
    },
  })
}

/**
 * The shortcuts of an adapter whose session rests on a token in device storage: with a token, the
 * adapter is fetched at once (the session is restored as the app starts, RootStore.start), not
 * after the first call; without one there is no session (what the adapter answers too), known
 * without loading it.
 */
export function tokenSession(hasToken: () => boolean): (loaded: () => Promise<ApiClient>) => LazyShortcuts {
  return (loaded) => {
    if (hasToken()) void loaded().catch(() => undefined)
    return { session: { current: async () => (hasToken() ? (await loaded()).session.current() : null) } }
  }
}

/** `load` run once and its promise kept; a failed load is forgotten, so the next call tries again. */
export function retryingOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    if (!loading) {
      loading = load()
      loading.catch(() => {
        loading = undefined
      })
    }
    return loading
  }
}

// A part is an instance of its own class, not a plain object: were a store to hold it in an
// observable field, MobX would keep it as it is (a plain object would be copied, key by key, and
// a proxy has no keys to copy).
class LazyPart {}

/**
 * One part of a client (its methods all answer a promise) whose code is loaded on its first call:
 * a method of `eager` answers at once, any other waits for `load`, then calls the loaded part's
 * method of the same name.
 */
export function lazyPart<T extends object>(load: () => Promise<T>, eager: Partial<T> = {}): T {
  const quick = eager as Record<string, unknown>
  return new Proxy(new LazyPart(), {
    get(_target, method) {
      if (typeof method !== 'string' || method === 'then') return undefined
      if (typeof quick[method] === 'function') return quick[method]
      return (...args: unknown[]) => load().then((part) => (part as Record<string, (...a: unknown[]) => unknown>)[method](...args))
    },
  }) as T
}
