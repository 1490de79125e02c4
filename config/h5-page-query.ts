import path from 'node:path'
import webpack from 'webpack'

/** The @tarojs/taro-h5 modules whose findDOM is swapped for config/h5/find-dom.js, and what they import. */
export const PAGE_QUERY_MODULES = ['api/wxml/selectorQuery.js', 'api/wxml/IntersectionObserver.js']
export const FIND_DOM_REQUEST = '../../utils/index.js'
export const FIND_DOM_SHIM = path.resolve(__dirname, 'h5', 'find-dom.js')

interface ResolveData {
  request: string
  contextInfo?: { issuer?: string }
}

/** Whether a request is one of those modules importing Taro's findDOM (the one the shim replaces). */
export function isPageQueryImport(data: ResolveData): boolean {
  const issuer = (data.contextInfo?.issuer ?? '').replace(/\\/g, '/')
  return data.request === FIND_DOM_REQUEST && PAGE_QUERY_MODULES.some((module) => issuer.endsWith(`@tarojs/taro-h5/dist/${module}`))
}

/** What the request names before the replacement plugin sees the issuer. */
export const FIND_DOM_PATTERN = /^\.\.\/\.\.\/utils\/index\.js$/

/**
 * H5 only, with webpack's NormalModuleReplacementPlugin: selector queries and intersection
 * observers made between two pages no longer throw from a timer (see config/h5/find-dom.js and
 * docs/adr/0016-h5-page-query-between-pages.md).
 */
export function redirectPageQuery(data: ResolveData): void {
  if (isPageQueryImport(data)) data.request = FIND_DOM_SHIM
}

export const pageQueryPlugin: [typeof webpack.NormalModuleReplacementPlugin, [RegExp, (data: ResolveData) => void]] = [
  webpack.NormalModuleReplacementPlugin,
  [FIND_DOM_PATTERN, redirectPageQuery],
]
