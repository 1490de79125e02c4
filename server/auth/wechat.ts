import { WeChatLoginError } from '../../src/core/context'

/**
 * WeChat mini-program sign-in: the app sends the code from `wx.login`; the server exchanges it at
 * code2Session for the user's openid. The AppSecret and the session_key stay on the server (the
 * session_key is not even kept: nothing here decrypts user data yet).
 */
export interface WeChatIdentity {
  openid: string
  unionid?: string
}

export interface WeChatAuth {
  code2Session(code: string): Promise<WeChatIdentity>
}

/** Why WeChat refused: `invalid_code` (expired, used, forged), `rate_limited`, or `unavailable` (the core's login error). */
export class WeChatAuthError extends WeChatLoginError {
  constructor(reason: WeChatLoginError['reason'], message: string) {
    super(reason, message)
    this.name = 'WeChatAuthError'
  }
}

const CODE2SESSION = 'https://api.weixin.qq.com/sns/jscode2session'
/** errcodes of jscode2session that mean "this code will never work". */
const INVALID_CODE = new Set([40029, 40163, 40226])

export interface WeChatConfig {
  appId: string
  secret: string
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch
  timeoutMs?: number
}

export function createWeChatAuth(config: WeChatConfig): WeChatAuth {
  const doFetch = config.fetch ?? fetch
  return {
    async code2Session(code) {
      const url = new URL(CODE2SESSION)
      url.searchParams.set('appid', config.appId)
      url.searchParams.set('secret', config.secret)
      url.searchParams.set('js_code', code)
      url.searchParams.set('grant_type', 'authorization_code')
      let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string }
      try {
        const response = await doFetch(url, { signal: AbortSignal.timeout(config.timeoutMs ?? 5000) })
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        body = (await response.json()) as typeof body
      } catch (error) {
        // Never include the URL: it carries the secret.
        throw new WeChatAuthError('unavailable', `code2Session failed: ${(error as Error).name}`)
      }
      if (body.errcode) {
        if (INVALID_CODE.has(body.errcode)) throw new WeChatAuthError('invalid_code', `code2Session errcode ${body.errcode}`)
        if (body.errcode === 45011) throw new WeChatAuthError('rate_limited', 'code2Session rate limited')
        throw new WeChatAuthError('unavailable', `code2Session errcode ${body.errcode}`)
      }
      if (!body.openid) throw new WeChatAuthError('unavailable', 'code2Session answered without an openid')
      return { openid: body.openid, unionid: body.unionid }
    },
  }
}
