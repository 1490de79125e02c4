import Taro from '@tarojs/taro'
import { taroStorage, type KeyValueStorage } from './storage'

/**
 * A WeChat sign-in code for the server to exchange: in the mini-program from `wx.login`; in the H5
 * app opened inside WeChat from web authorization (网页授权): we send the browser to WeChat's
 * authorize page, which comes back to this page with `?code=…&state=…`.
 *
 * Taro inlines `process.env.TARO_APP_*` textually, so the variables are named literally here (as
 * in subscribe.ts); src/env.ts checks the same two at start-up:
 * - TARO_APP_WECHAT_WEB_APPID: the 公众号's app id (empty: no web sign-in on H5);
 * - TARO_APP_WECHAT_OAUTH_URL: the authorize page (default WeChat's; a stand-in in tests).
 */
export type WeChatCodeVia = 'miniprogram' | 'web'

export interface WeChatLoginCode {
  code: string
  via: WeChatCodeVia
}

const STATE_KEY = 'linli.wechat.oauthState'
const DEFAULT_OAUTH_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize'
/** A state older than this is not ours any more (WeChat's codes live five minutes). */
const STATE_TTL_MS = 10 * 60_000

/** What the H5 flow touches, injectable for tests. */
export interface WebLoginDeps {
  storage: KeyValueStorage
  /** The current address (location.href). */
  href(): string
  /** Replace the address without loading (history.replaceState). */
  replace(url: string): void
  /** Leave for `url` (location.assign). */
  assign(url: string): void
  now(): number
  /** Build-time settings, for tests. */
  webAppId?: string
  oauthUrl?: string
}

/**
 * Taro inlines only the TARO_APP_* variables its .env files name; any other stays
 * `process.env.…` in the bundle, and the mini-program has no `process`: read it as unset then.
 */
function setting(read: () => string | undefined): string {
  try {
    return (read() || '').trim()
  } catch {
    return ''
  }
}

function webAppIdSetting(): string {
  return setting(() => process.env.TARO_APP_WECHAT_WEB_APPID)
}

function oauthUrlSetting(): string {
  return setting(() => process.env.TARO_APP_WECHAT_OAUTH_URL) || DEFAULT_OAUTH_URL
}

function browserDeps(): WebLoginDeps {
  return {
    storage: taroStorage(),
    href: () => window.location.href,
    replace: (url) => window.history.replaceState(window.history.state, '', url),
    assign: (url) => window.location.assign(url),
    now: () => Date.now(),
  }
}

/** 32 hex characters, from the browser's crypto when there is one. */
function randomState(): string {
  const bytes = new Uint8Array(16)
  const crypto = (globalThis as { crypto?: { getRandomValues?(array: Uint8Array): Uint8Array } }).crypto
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Whether this build can get a code at all: the mini-program always, H5 when a web app id is set. */
export function canGetWeChatCode(): boolean {
  if (process.env.TARO_ENV === 'weapp') return true
  return process.env.TARO_ENV === 'h5' && webAppIdSetting() !== ''
}

/**
 * The code of a web authorization that just came back to this page, when its `state` is the one
 * we stored before leaving (anything else — a stale link, a forged redirect — is ignored). The
 * code and state are taken out of the address and the stored state is spent, so a reload does not
 * try the same code twice. null when there is none.
 */
export function takeWebAuthorizationCode(deps: WebLoginDeps = browserDeps()): WeChatLoginCode | null {
  const href = deps.href()
  const url = new URL(href)
  // WeChat puts code and state into the query, before the hash router's #/path.
  const code = url.searchParams.get('code')
  const state = url.searchParams.get('state')
  if (!code || state === null) return null
  const stored = deps.storage.get(STATE_KEY)
  const [expected, at] = (stored ?? '').split('|')
  const fresh = expected !== '' && Number(at) + STATE_TTL_MS > deps.now()
  url.searchParams.delete('code')
  url.searchParams.delete('state')
  deps.replace(url.toString())
  if (!stored || !fresh || state !== expected) return null
  deps.storage.remove(STATE_KEY)
  return { code, via: 'web' }
}

/**
 * Send the browser to WeChat's authorize page for this app (scope snsapi_base: the openid only, no
 * consent needed inside WeChat), coming back to the current address with a code. A random state is
 * stored first and checked on the way back.
 */
export function startWebAuthorization(deps: WebLoginDeps = browserDeps()): boolean {
  const appId = deps.webAppId ?? webAppIdSetting()
  if (!appId) return false
  const state = randomState()
  deps.storage.set(STATE_KEY, `${state}|${deps.now()}`)
  const back = new URL(deps.href())
  back.searchParams.delete('code')
  back.searchParams.delete('state')
  const target = new URL(deps.oauthUrl ?? oauthUrlSetting())
  target.searchParams.set('appid', appId)
  target.searchParams.set('redirect_uri', back.toString())
  target.searchParams.set('response_type', 'code')
  target.searchParams.set('scope', 'snsapi_base')
  target.searchParams.set('state', state)
  target.hash = 'wechat_redirect'
  deps.assign(target.toString())
  return true
}

/**
 * A code to sign in with. The mini-program: `Taro.login()`. H5: a web authorization that just came
 * back, else off to the authorize page — then this resolves null (the page is leaving; the sign-in
 * page finishes when it comes back). Rejects when WeChat refuses (wx.login fails).
 */
export async function weChatLoginCode(deps?: WebLoginDeps): Promise<WeChatLoginCode | null> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login()
    return { code, via: 'miniprogram' }
  }
  const h5 = deps ?? browserDeps()
  const pending = takeWebAuthorizationCode(h5)
  if (pending) return pending
  if (!startWebAuthorization(h5)) throw new Error('WeChat web sign-in is not configured (TARO_APP_WECHAT_WEB_APPID)')
  return null
}
