import { IDEMPOTENCY_HEADER } from '../../../types/routes'
import type { NetworkStatus } from '../../platform/network'
import type { KeyValueStorage } from '../../platform/storage'
import type { ApiClient } from '../client'
import { lazyPart, retryingOnce } from '../lazy'
import { auth, SessionVault } from './auth'
import { fillPath, type AnyInput, type Endpoint } from './endpoint'
import { API_ROOT } from './endpoints/root'
import { HTTP_CAPABILITIES } from './identity'
import { communitiesApi } from './groups/communities'
import { directoryApi } from './groups/directory'
import { conventionsFront, servicesFront } from './groups/front'
import { householdsApi } from './groups/households'
import { mediaApi } from './groups/media'
import { messagesApi } from './groups/messages'
import { noticesApi } from './groups/notices'
import { profileApi } from './groups/profile'
import { reportsApi } from './groups/reports'
import { sessionApi } from './groups/session'
import type { LaterGroups } from './groups/later'
import type { Call, HttpContext } from './groups/context'
import { compose, errors, offline, retry, timeout, transportCall, type HttpRequest, type Middleware } from './middleware'
import { DEFAULT_BACKOFF, sleep as realSleep } from './policy'
import { taroTransport } from './taro-transport'
import type { Transport } from './transport'

export interface HttpClientOptions {
  /** The server's origin, e.g. `https://linli.example.org` (the `/api/v1` prefix is added here). */
  baseUrl: string
  /** Device storage: the session token and the last confirmed session live here. */
  storage: KeyValueStorage
  /** When given, requests fail with `network` at once while the device is offline. */
  network?: NetworkStatus
  /** Defaults to `taroTransport()`. */
  transport?: Transport
  now?: () => Date
  /** Per request; default 15 s. */
  timeoutMs?: number
  /** Per photo upload; default 60 s (wx.request's own maximum). */
  uploadTimeoutMs?: number
  /** How many times a repeatable request is tried again after a transient failure; default 2 (3 tries). */
  retries?: number
  /** Waits between tries (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>
  /** Jitter source, 0 ≤ r < 1. */
  random?: () => number
  /**
   * Links of this client's own, run after the built-in ones, next to the transport (./middleware.ts):
   * e.g. a server's `api_key` query parameter, a tracing header.
   */
  middleware?: readonly Middleware[]
}

/**
 * The HTTP adapter: the ApiClient port over the reference server's REST API, with the contract's
 * bodies (`types/contract.ts`). Each endpoint is declared once (./endpoints); each group of the
 * port (./groups) turns the port's calls into endpoint calls; every call goes through one
 * pipeline of middleware (./middleware.ts):
 *
 *   retry → offline → errors → auth → timeout → …options.middleware → transport
 */
export function createHttpClient(options: HttpClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs ?? 15_000
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 60_000
  const vault = new SessionVault(options.storage, options.now ?? (() => new Date()))
  const network = options.network
  const isOffline = () => network !== undefined && !network.isOnline()

  const send = compose(
    [
      retry({
        retries: options.retries ?? 2,
        backoff: { ...DEFAULT_BACKOFF, random: options.random ?? DEFAULT_BACKOFF.random },
        sleep: options.sleep ?? realSleep,
        offline: isOffline,
      }),
      offline(isOffline),
      errors(),
      auth(vault),
      timeout(),
      ...(options.middleware ?? []),
    ],
    transportCall(options.transport ?? taroTransport(), options.baseUrl.replace(/\/+$/, '') + API_ROOT),
  )

  /** The request an endpoint call stands for, before the pipeline. */
  function requestOf(endpoint: Endpoint, input: AnyInput): HttpRequest {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (input.body !== undefined) headers['content-type'] = 'application/json'
    if (input.idempotencyKey !== undefined) headers[IDEMPOTENCY_HEADER] = input.idempotencyKey
    return {
      endpoint,
      method: endpoint.method,
      path: fillPath(endpoint.path, input.params),
      query: input.query ?? {},
      headers,
      body: input.body,
      file: input.file,
      timeoutMs: input.timeoutMs ?? (endpoint.timeout === 'upload' ? uploadTimeoutMs : timeoutMs),
      repeatable: input.retry ?? endpoint.repeatable,
    }
  }

  const call: Call = async (endpoint, ...[input]) => (await send(requestOf(endpoint, (input ?? {}) as AnyInput))).data as never
  const context: HttpContext = { call, vault, offline: isOffline, timeoutMs }
  // The groups only subpackage pages call are a lazy chunk (on the weapp a file of a subpackage,
  // config/weapp-async-chunks.ts; ADR 37), loaded on the first of their calls; the tab pages' own
  // calls of two of them answer without it (./groups/front.ts).
  const later = retryingOnce(() => import(/* webpackChunkName: "http-later" */ './groups/later').then((groups) => groups.laterGroups(context)))
  const lazy = <K extends keyof LaterGroups>(name: K, eager: Partial<LaterGroups[K]> = {}): LaterGroups[K] =>
    lazyPart(() => later().then((groups) => groups[name]), eager)

  return {
    mode: 'http',
    capabilities: HTTP_CAPABILITIES,
    session: sessionApi(context),
    directory: directoryApi(context),
    media: mediaApi(context),
    reports: reportsApi(context),
    handling: lazy('handling'),
    messages: messagesApi(context),
    notices: noticesApi(context),
    conventions: lazy('conventions', conventionsFront(context)),
    services: lazy('services', servicesFront(context)),
    dashboard: lazy('dashboard'),
    communities: communitiesApi(context),
    households: householdsApi(context),
    invites: lazy('invites'),
    people: lazy('people'),
    profile: profileApi(context),
    admin: lazy('admin'),
    moderation: lazy('moderation'),
    audit: lazy('audit'),
  }
}
