/**
 * The app's build-time settings, read and checked in one place. Taro inlines `process.env.TARO_APP_*`
 * textually, so each variable is named literally here and nowhere else.
 */
export type ApiMode = 'memory' | 'http'

export interface AppEnv {
  apiMode: ApiMode
  apiBaseUrl: string
  /**
   * WeChat web authorization for the H5 app opened inside WeChat (TARO_APP_WECHAT_WEB_APPID, the
   * 公众号's app id; TARO_APP_WECHAT_OAUTH_URL, the authorize page). src/platform/wechat-login.ts
   * reads the same two (Taro inlines each literal where it is written); here they are checked.
   */
  weChatWeb?: { appId: string; oauthUrl: string }
}

const DEFAULT_WECHAT_OAUTH_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize'

/**
 * An optional setting: Taro inlines only the TARO_APP_* variables its .env files name, and in the
 * mini-program an un-inlined `process.env.…` would throw (there is no `process`): unset then.
 */
function optional(read: () => string | undefined): string {
  try {
    return (read() || '').trim()
  } catch {
    return ''
  }
}

export function readEnv(): AppEnv {
  const mode = process.env.TARO_APP_API_MODE || 'memory'
  if (mode !== 'memory' && mode !== 'http') {
    throw new Error(`TARO_APP_API_MODE must be "memory" or "http", got "${mode}"`)
  }
  let apiBaseUrl = process.env.TARO_APP_API_BASE_URL || ''
  // In a browser an empty base URL means "the server this page came from" (npm start proxies /api).
  if (mode === 'http' && !apiBaseUrl && process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') {
    apiBaseUrl = location.origin
  }
  if (mode === 'http' && !/^https?:\/\//.test(apiBaseUrl)) {
    throw new Error('TARO_APP_API_MODE=http needs TARO_APP_API_BASE_URL (e.g. http://127.0.0.1:3000)')
  }
  const webAppId = optional(() => process.env.TARO_APP_WECHAT_WEB_APPID)
  const oauthUrl = optional(() => process.env.TARO_APP_WECHAT_OAUTH_URL) || DEFAULT_WECHAT_OAUTH_URL
  if (!/^https?:\/\/[^\s/?#]+/.test(oauthUrl)) {
    throw new Error(`TARO_APP_WECHAT_OAUTH_URL must be an http(s) URL, got "${oauthUrl}"`)
  }
  return { apiMode: mode, apiBaseUrl, ...(webAppId ? { weChatWeb: { appId: webAppId, oauthUrl } } : {}) }
}
