/**
 * The app's build-time settings, read and checked in one place. Taro inlines `process.env.TARO_APP_*`
 * textually, so each variable is named literally here and nowhere else.
 */
export type ApiMode = 'memory' | 'http'

export interface AppEnv {
  apiMode: ApiMode
  apiBaseUrl: string
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
  return { apiMode: mode, apiBaseUrl }
}
