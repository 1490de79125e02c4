/**
 * The HTTP adapter on H5, loaded on its first call (src/api/lazy.ts), as the memory build's demo
 * backend is (src/api/memory/lazy.ts, ADR 31): the pipeline, the endpoint groups, Taro's request
 * API and the fetch polyfills it imports are a chunk of their own (`http-adapter`), not part of what
 * a signed-out first visit downloads (ADR 40). Reached through `require` inside the build-time mode
 * check (src/api/index.ts); the weapp keeps the adapter in its main package.
 */
import type { ApiClient } from '../client'
import { lazyApiClient, tokenSession } from '../lazy'
import type { HttpClientOptions } from './client'
import { HTTP_CAPABILITIES, TOKEN_KEY } from './identity'

/** The chunk's name; config/h5-preload-backend.ts asks for it in index.html when a token is stored. */
export const HTTP_ADAPTER_CHUNK = 'http-adapter'

/** createHttpClient's client, once a call needs it. */
export function createLazyHttpClient(options: HttpClientOptions): ApiClient {
  return lazyApiClient(
    'http',
    HTTP_CAPABILITIES,
    () => import(/* webpackChunkName: "http-adapter" */ './client').then((http) => http.createHttpClient(options)),
    // index.html has already asked for the chunk when a token is stored.
    tokenSession(() => Boolean(options.storage.get(TOKEN_KEY))),
  )
}
