/**
 * The memory adapter, loaded on its first call (src/api/lazy.ts): the demo backend, its core
 * services and demo data are a chunk of their own, not part of what every first page downloads —
 * on H5 a script, on weapp a file of the sign-in subpackage loaded by `require.async`, outside the
 * main package (config/weapp-async-chunks.ts, ADR 33). Reached like ./index.ts, through `require`
 * inside the build-time mode check (src/api/index.ts, src/bootstrap.ts).
 */
import type { ApiClient } from '../client'
import { lazyApiClient, tokenSession } from '../lazy'
import type { MemoryApiDeps } from './index'
import type { KeyValueStorage } from '../../platform/storage'
import { MEMORY_CAPABILITIES, TOKEN_KEY } from './identity'

/** The app's ApiClient on the demo backend, as createMemoryApi makes it, once a call needs it. */
export function createLazyMemoryApi(deps: MemoryApiDeps): ApiClient {
  return lazyApiClient(
    'memory',
    MEMORY_CAPABILITIES,
    () => import(/* webpackChunkName: "demo-backend" */ './index').then((memory) => memory.createMemoryApi(deps)),
    tokenSession(() => Boolean(deps.storage.get(TOKEN_KEY))),
  )
}

/** createMemoryConsoleClient's client (the browser console's `__linli.newClient()`), loaded on its first call. */
export function createLazyMemoryConsoleClient(storage: KeyValueStorage): ApiClient {
  return lazyApiClient('memory', MEMORY_CAPABILITIES, () => import(/* webpackChunkName: "demo-backend" */ './index').then((memory) => memory.createMemoryConsoleClient(storage)))
}
