/**
 * The memory adapter's only entry point: the embedded demo backend (映月社区, 春晖社区) behind the ApiClient
 * port. src/api/index.ts and src/bootstrap.ts reach it through `require('./memory')` inside a
 * build-time `process.env.TARO_APP_API_MODE` check, so an HTTP build ships none of it.
 */
import type { NetworkStatus } from '../../platform/network'
import { memoryStorage, type KeyValueStorage } from '../../platform/storage'
import type { ApiClient } from '../client'
import { MemoryBackend } from './backend'
import { createMemoryClient } from './client'

export interface MemoryApiDeps {
  /** Device storage: the demo backend's state and the client's token live here. */
  storage: KeyValueStorage
  network: NetworkStatus
  /** A pause before each answer, so loading states show as they would over a network. */
  latencyMs?: number
}

/** The app's ApiClient on the embedded demo backend, persisted in `storage`. */
export function createMemoryApi(deps: MemoryApiDeps): ApiClient {
  return createMemoryClient({
    backend: new MemoryBackend({ storage: deps.storage }),
    storage: deps.storage,
    network: deps.network,
    latencyMs: deps.latencyMs,
  })
}

/**
 * A second client on the demo backend persisted in `storage`, with a session of its own (kept in
 * memory only): what the browser console's `__linli.newClient()` hands a test, to act as someone
 * else (e.g. staff) next to the signed-in app.
 */
export function createMemoryConsoleClient(storage: KeyValueStorage): ApiClient {
  return createMemoryClient({ backend: new MemoryBackend({ storage }), storage: memoryStorage() })
}
