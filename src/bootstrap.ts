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

  // On the embedded demo backend in a browser, expose a console for the demo and the browser tests:
  // a second client on the same backend can act as staff ("move it to resolved through the adapter").
  if (process.env.TARO_ENV === 'h5' && env.apiMode === 'memory' && typeof window !== 'undefined') {
    ;(window as unknown as { __linli: unknown }).__linli = {
      root,
      newClient: () => createMemoryClient({ backend: new MemoryBackend({ storage }), storage: memoryStorage() }),
    }
  }
  return root
}
