/**
 * The app's build-time settings, read and checked in one place. Taro inlines `process.env.TARO_APP_*`
 * textually, so each variable is named literally here and nowhere else.
 */
export type ApiMode = 'memory' | 'http' | 'open311'

export interface AppEnv {
  apiMode: ApiMode
  apiBaseUrl: string
  /**
   * WeChat web authorization for the H5 app opened inside WeChat (TARO_APP_WECHAT_WEB_APPID, the
   * 公众号's app id; TARO_APP_WECHAT_OAUTH_URL, the authorize page). src/platform/wechat-login.ts
   * reads the same two (Taro inlines each literal where it is written); here they are checked.
   */
  weChatWeb?: { appId: string; oauthUrl: string }
  /**
   * A city's Open311 GeoReport v2 system (TARO_APP_API_MODE=open311): its endpoint, the key it
   * issued to this community, its jurisdiction, and its name as the report form says where reports go.
   */
  open311?: { baseUrl: string; apiKey: string; jurisdictionId?: string; name: string; pollIntervalMs?: number }
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
  if (mode !== 'memory' && mode !== 'http' && mode !== 'open311') {
    throw new Error(`TARO_APP_API_MODE must be "memory", "http" or "open311", got "${mode}"`)
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
  const open311 = mode === 'open311' ? readOpen311() : undefined
  return { apiMode: mode, apiBaseUrl, ...(webAppId ? { weChatWeb: { appId: webAppId, oauthUrl } } : {}), ...(open311 ? { open311 } : {}) }
}

function readOpen311(): NonNullable<AppEnv['open311']> {
  const baseUrl = optional(() => process.env.TARO_APP_OPEN311_BASE_URL)
  const apiKey = optional(() => process.env.TARO_APP_OPEN311_API_KEY)
  const jurisdictionId = optional(() => process.env.TARO_APP_OPEN311_JURISDICTION_ID)
  const name = optional(() => process.env.TARO_APP_OPEN311_NAME) || '城市服务平台'
  // How often a request may be asked about again, in seconds (default 60; a city may ask for less often).
  const poll = optional(() => process.env.TARO_APP_OPEN311_POLL_SECONDS)
  if (!/^https?:\/\/[^\s/?#]+/.test(baseUrl)) {
    throw new Error('TARO_APP_API_MODE=open311 needs TARO_APP_OPEN311_BASE_URL, the GeoReport v2 endpoint (e.g. https://city.example.gov/open311/v2)')
  }
  if (!apiKey) throw new Error('TARO_APP_API_MODE=open311 needs TARO_APP_OPEN311_API_KEY, the key the city system issued')
  if (poll && !/^\d{1,5}$/.test(poll)) throw new Error(`TARO_APP_OPEN311_POLL_SECONDS must be a whole number of seconds, got "${poll}"`)
  return { baseUrl, apiKey, name, ...(jurisdictionId ? { jurisdictionId } : {}), ...(poll ? { pollIntervalMs: Number(poll) * 1000 } : {}) }
}
