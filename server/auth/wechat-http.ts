/**
 * One way to call WeChat's server API (api.weixin.qq.com, or a stand-in on loopback in tests): the
 * base URL from the configuration, a timeout on every call, and errors that never carry the URL or
 * the body — both hold the AppSecret or the access token.
 */

export const DEFAULT_WECHAT_API_BASE_URL = 'https://api.weixin.qq.com'

/** How the WeChat clients reach WeChat. */
export interface WeChatHttpOptions {
  /** Default https://api.weixin.qq.com (WECHAT_API_BASE_URL). */
  baseUrl?: string
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch
  /** Per request, default 5000 ms. */
  timeoutMs?: number
}

/**
 * A WeChat API call that failed: WeChat answered an errcode (`errcode` set), or answered nothing
 * usable (HTTP error, timeout, network). The message names the API and the errcode or the kind of
 * failure, never the URL, the secret or the token.
 */
export class WeChatApiError extends Error {
  constructor(
    /** The API, e.g. `code2Session`, `stable_token`. */
    readonly api: string,
    message: string,
    /** WeChat's errcode, when it answered one. */
    readonly errcode?: number,
  ) {
    super(message)
    this.name = 'WeChatApiError'
  }
}

/** `baseUrl` + `path` (the base may carry a path prefix, e.g. a proxy's) with `query`. */
export function weChatUrl(baseUrl: string | undefined, path: string, query: Record<string, string> = {}): URL {
  const url = new URL(`${(baseUrl ?? DEFAULT_WECHAT_API_BASE_URL).replace(/\/+$/, '')}${path}`)
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
  return url
}

/**
 * Fetch `url` (GET, or POST with a JSON body) within the timeout; an answer that is not HTTP 2xx,
 * a timeout and a network failure all throw WeChatApiError.
 */
export async function weChatFetch(options: WeChatHttpOptions, api: string, url: URL, body?: unknown): Promise<Response> {
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  let response: Response
  try {
    response = await doFetch(
      url,
      body === undefined
        ? { signal: AbortSignal.timeout(timeoutMs) }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) },
    )
  } catch (error) {
    const name = (error as Error)?.name ?? 'Error'
    // Only the error's name: a fetch error's message may quote the URL, and the URL holds secrets.
    if (name === 'TimeoutError') throw new WeChatApiError(api, `${api} timed out after ${timeoutMs} ms`)
    throw new WeChatApiError(api, `${api} failed: ${name}`)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    throw new WeChatApiError(api, `${api} failed: HTTP ${response.status}`)
  }
  return response
}

/** WeChat's JSON answer; an errcode other than 0 is returned, not thrown (each API reads its own). */
export async function weChatJson<T extends { errcode?: number }>(api: string, response: Response): Promise<T> {
  try {
    return (await response.json()) as T
  } catch (error) {
    const name = (error as Error)?.name ?? 'Error'
    if (name === 'TimeoutError' || name === 'AbortError') throw new WeChatApiError(api, `${api} timed out while answering`)
    throw new WeChatApiError(api, `${api} answered something that is not JSON`)
  }
}
