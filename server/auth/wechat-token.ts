import { weChatFetch, weChatJson, weChatUrl, WeChatApiError, type WeChatHttpOptions } from './wechat-http'

/**
 * The mini-program's access_token (接口调用凭证) from the stable token API
 * (`POST /cgi-bin/stable_token`), shared by everything that calls WeChat with it (subscribe
 * messages, mini-program codes): one request at a time, cached until five minutes before
 * `expires_in`, and renewed once (force_refresh) when WeChat says the token is no longer valid.
 */
export interface WeChatTokenConfig extends WeChatHttpOptions {
  appId: string
  secret: string
  now?: () => number
}

/** errcodes meaning the access_token is no longer valid: fetch a new one and try once more. */
export const TOKEN_EXPIRED = new Set([40001, 40014, 42001])

export class WeChatAccessToken {
  private token: { value: string; expiresAt: number } | null = null
  private pending: Promise<string> | null = null
  private readonly now: () => number

  constructor(private readonly config: WeChatTokenConfig) {
    this.now = config.now ?? Date.now
  }

  /** A valid access_token; `force` asks WeChat for a new one (the cached one was refused). */
  get(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > this.now()) return Promise.resolve(this.token.value)
    // One request at a time: concurrent callers share it.
    this.pending ??= this.fetchToken(force).finally(() => {
      this.pending = null
    })
    return this.pending
  }

  /**
   * Run `call` with the token; when its answer's errcode says the token is no longer valid, once
   * more with a fresh one. The answer of the last call is returned as is.
   */
  async use<T extends { errcode?: number }>(call: (token: string) => Promise<T>): Promise<T> {
    const first = await call(await this.get(false))
    if (first.errcode === undefined || !TOKEN_EXPIRED.has(first.errcode)) return first
    this.token = null
    return call(await this.get(true))
  }

  private async fetchToken(force: boolean): Promise<string> {
    const url = weChatUrl(this.config.baseUrl, '/cgi-bin/stable_token')
    const response = await weChatFetch(this.config, 'stable_token', url, {
      grant_type: 'client_credential',
      appid: this.config.appId,
      secret: this.config.secret,
      force_refresh: force,
    })
    const answer = await weChatJson<{ access_token?: string; expires_in?: number; errcode?: number }>('stable_token', response)
    if (!answer.access_token) throw new WeChatApiError('stable_token', `stable_token errcode ${answer.errcode ?? 'none'}`, answer.errcode)
    // Renew five minutes early (tokens live 7200 s).
    const seconds = Math.max(60, (answer.expires_in ?? 7200) - 300)
    this.token = { value: answer.access_token, expiresAt: this.now() + seconds * 1000 }
    return answer.access_token
  }
}
