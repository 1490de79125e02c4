import { createApiClient, type ApiClient } from './api'
import { readEnv } from './env'
import { taroNetwork } from './platform/network'
import { taroStorage } from './platform/storage'
import { RootStore } from './stores/root-store'

/** Composition root: the one place the app's adapter, storage and network are put together. */
export function createRootStore(): RootStore {
  const env = readEnv()
  const storage = taroStorage()
  const network = taroNetwork()
  const api = createApiClient(env, { storage, network })
  const root = new RootStore({ api, storage, network })

  // In a browser, a console for demos and the browser tests: the root store, the app's ApiClient
  // (acting as whoever is signed in; screens never see it, the stores hold their parts), and on the
  // embedded demo backend a second client on the same backend, so a test can act as someone else. The memory adapter is reached only inside
  // the build-time mode check, as in src/api/index.ts, so an HTTP build does not ship it.
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    let newClient: (() => ApiClient) | undefined
    if (process.env.TARO_APP_API_MODE !== 'http') {
      // Loaded on its first call, with the app's own (src/api/memory/lazy.ts).
      const { createLazyMemoryConsoleClient }: typeof import('./api/memory/lazy') = require('./api/memory/lazy')
      newClient = () => createLazyMemoryConsoleClient(storage)
    }
    ;(window as unknown as { __linli: unknown }).__linli = { root, api, newClient }
  }
  return root
}
