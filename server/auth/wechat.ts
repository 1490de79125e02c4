import { WeChatLoginError } from '../../src/core/context'
import { weChatFetch, weChatJson, weChatUrl, WeChatApiError, type WeChatHttpOptions } from './wechat-http'

/**
 * WeChat sign-in: the mini-program sends the code from `wx.login`, which the server exchanges at
 * code2Session (`/sns/jscode2session`) for the user's openid; the H5 app opened inside WeChat sends
 * the code of web authorization, exchanged at `/sns/oauth2/access_token`. Both at the configured
 * base URL (WECHAT_API_BASE_URL; a stand-in on loopback in tests). The AppSecret and the
 * session_key stay on the server (the session_key is not even kept: nothing here decrypts user data).
 */
export interface WeChatIdentity {
  openid: string
  unionid?: string
}

export interface WeChatAuth {
  code2Session(code: string): Promise<WeChatIdentity>
  /** Web authorization's code; absent when no web app id is configured. */
  webCode?(code: string): Promise<WeChatIdentity>
}

/** Why WeChat refused: `invalid_code` (expired, used, forged), `rate_limited`, or `unavailable` (the core's login error). */
export class WeChatAuthError extends WeChatLoginError {
  constructor(reason: WeChatLoginError['reason'], message: string) {
    super(reason, message)
    this.name = 'WeChatAuthError'
  }
}

/** errcodes of jscode2session and sns/oauth2/access_token that mean "this code will never work". */
const INVALID_CODE = new Set([40029, 40163, 40226])
/** errcodes meaning "too many requests": 45011 (per-minute quota), 45009 (daily quota). */
const RATE_LIMITED = new Set([45009, 45011])

export interface WeChatConfig extends WeChatHttpOptions {
  /** The mini-program's AppID and AppSecret (code2Session). */
  appId: string
  secret: string
  /**
   * Web authorization (网页授权) for the H5 app opened inside WeChat: the AppID and AppSecret of the
   * 公众号 that authorizes; absent, `webCode` is not offered (POST /session/wechat with via=web is 501).
   */
  web?: { appId: string; secret: string }
}

/** The error of a failed call as the core's login error; the message never carries the secret. */
export function toLoginError(error: unknown): WeChatAuthError {
  if (error instanceof WeChatAuthError) return error
  if (error instanceof WeChatApiError) {
    if (error.errcode !== undefined && RATE_LIMITED.has(error.errcode)) return new WeChatAuthError('rate_limited', error.message)
    return new WeChatAuthError('unavailable', error.message)
  }
  return new WeChatAuthError('unavailable', `WeChat call failed: ${(error as Error)?.name ?? 'Error'}`)
}

/** An exchange of a code for an openid at `path`; WeChat's errcodes as the core's reasons. */
async function exchange(options: WeChatHttpOptions, api: string, path: string, query: Record<string, string>): Promise<WeChatIdentity> {
  let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string }
  try {
    body = await weChatJson(api, await weChatFetch(options, api, weChatUrl(options.baseUrl, path, query)))
  } catch (error) {
    throw toLoginError(error)
  }
  if (body.errcode) {
    if (INVALID_CODE.has(body.errcode)) throw new WeChatAuthError('invalid_code', `${api} errcode ${body.errcode}`)
    if (RATE_LIMITED.has(body.errcode)) throw new WeChatAuthError('rate_limited', `${api} rate limited (errcode ${body.errcode})`)
    throw new WeChatAuthError('unavailable', `${api} errcode ${body.errcode}`)
  }
  if (!body.openid) throw new WeChatAuthError('unavailable', `${api} answered without an openid`)
  return { openid: body.openid, unionid: body.unionid }
}

export function createWeChatAuth(config: WeChatConfig): WeChatAuth {
  const auth: WeChatAuth = {
    code2Session: (code) =>
      exchange(config, 'code2Session', '/sns/jscode2session', { appid: config.appId, secret: config.secret, js_code: code, grant_type: 'authorization_code' }),
  }
  const web = config.web
  // The web access_token that comes with the openid is not kept: nothing here reads the profile.
  if (web) {
    auth.webCode = (code) =>
      exchange(config, 'oauth2/access_token', '/sns/oauth2/access_token', { appid: web.appId, secret: web.secret, code, grant_type: 'authorization_code' })
  }
  return auth
}
