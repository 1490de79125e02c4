import { createApiClient } from './api'
import { MemoryBackend } from './api/memory/backend'
import { createMemoryClient } from './api/memory/client'
import { readEnv } from './env'
import { taroNetwork } from './platform/network'
import { memoryStorage, taroStorage } from './platform/storage'
import { RootStore } from './stores/root-store'

/** Composition root: the one place the app's adapter, storage and network are put together. */
export function createRootStore(): RootStore {
  const env = readEnv()
  const storage = taroStorage()
  const network = taroNetwork()
  const api = createApiClient(env, { storage, network })
  const root = new RootStore({ api, storage, network })

  // In a browser, a console for demos and the browser tests: the root store (its ApiClient acts as
  // whoever is signed in), and on the embedded demo backend a second client on the same backend, so a
  // test can act as staff before the staff screens exist.
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    ;(window as unknown as { __linli: unknown }).__linli = {
      root,
      newClient:
        env.apiMode === 'memory'
          ? () => createMemoryClient({ backend: new MemoryBackend({ storage }), storage: memoryStorage() })
          : undefined,
    }
  }
  return root
}
