import type { AppEnv } from '../env'
import type { NetworkStatus } from '../platform/network'
import type { KeyValueStorage } from '../platform/storage'
import type { ApiClient } from './client'
import { MemoryBackend } from './memory/backend'
import { createMemoryClient } from './memory/client'
import { createHttpClient } from './http'

export type { ApiClient } from './client'
export { ApiError, isApiError, messageOf } from './errors'

export interface AdapterDeps {
  storage: KeyValueStorage
  network: NetworkStatus
}

/** The one place an adapter is chosen. */
export function createApiClient(env: AppEnv, deps: AdapterDeps): ApiClient {
  switch (env.apiMode) {
    case 'memory':
      return createMemoryClient({ backend: new MemoryBackend({ storage: deps.storage }), storage: deps.storage, network: deps.network, latencyMs: 120 })
    case 'http':
      // Any server implementing the contract of types/contract.ts (first of all server/).
      return createHttpClient({ baseUrl: env.apiBaseUrl, storage: deps.storage, network: deps.network })
  }
}
