import type { AppEnv } from '../env'
import type { NetworkStatus } from '../platform/network'
import type { KeyValueStorage } from '../platform/storage'
import type { ApiClient } from './client'

export type { ApiClient } from './client'
export { ApiError, isApiError, messageOf } from './errors'

export interface AdapterDeps {
  storage: KeyValueStorage
  network: NetworkStatus
}

/**
 * The one place an adapter is chosen — at build time. Taro inlines `process.env.TARO_APP_API_MODE`
 * as a string literal, webpack folds the comparison and never follows the `require` of the branch
 * not taken: an HTTP build carries no demo backend and no demo data, a memory build no HTTP adapter
 * (scripts/budget.mjs checks both). The variable must be written out literally in the condition;
 * `env.apiMode` (src/env.ts, read from the same variable) is only checked against it.
 */
export function createApiClient(env: AppEnv, deps: AdapterDeps): ApiClient {
  if (process.env.TARO_APP_API_MODE === 'http') {
    // Any server implementing the contract of types/contract.ts (first of all server/).
    const options = { baseUrl: env.apiBaseUrl, storage: deps.storage, network: deps.network }
    if (process.env.TARO_ENV === 'h5') {
      // On H5 the adapter is a chunk of its own, loaded on the first call (src/api/http/lazy.ts, ADR 40).
      const { createLazyHttpClient }: typeof import('./http/lazy') = require('./http/lazy')
      return createLazyHttpClient(options)
    } else {
      // The client module, not ./http's index: that re-exports every endpoint declaration (ADR 37).
      const { createHttpClient }: typeof import('./http/client') = require('./http/client')
      return createHttpClient(options)
    }
  } else if (process.env.TARO_APP_API_MODE === 'open311') {
    // A city's Open311 GeoReport v2 system: the report part only (capabilities hide the rest).
    const { createOpen311Client }: typeof import('./open311') = require('./open311')
    if (!env.open311) throw new Error('this build has no Open311 endpoint configured')
    return createOpen311Client({ ...env.open311, storage: deps.storage, network: deps.network })
  } else {
    // An `else`, not code after a return: webpack drops a dead branch, not unreachable statements.
    if (env.apiMode !== 'memory') throw new Error(`this build has only the memory adapter, not "${env.apiMode}"`)
    const options = { storage: deps.storage, network: deps.network, latencyMs: 120 }
    // The demo backend is a chunk of its own, loaded on the first call (src/api/memory/lazy.ts): on H5
    // a script, on weapp a file of the sign-in subpackage (config/weapp-async-chunks.ts).
    const { createLazyMemoryApi }: typeof import('./memory/lazy') = require('./memory/lazy')
    return createLazyMemoryApi(options)
  }
}
