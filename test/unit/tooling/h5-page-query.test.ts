/**
 * The H5 build swaps Taro's findDOM for config/h5/find-dom.js in exactly two modules of
 * @tarojs/taro-h5 (see docs/adr/0016-h5-page-query-between-pages.md). These tests hold the swap to
 * the files it names: an upgrade of Taro that moves or renames them fails here, not silently in a
 * browser between two pages.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { FIND_DOM_PATTERN, FIND_DOM_REQUEST, FIND_DOM_SHIM, PAGE_QUERY_MODULES, isPageQueryImport, redirectPageQuery } from '../../../config/h5-page-query'

const TARO_H5 = dirname(require.resolve('@tarojs/taro-h5/package.json'))

describe('the H5 page-query swap', () => {
  it.each(PAGE_QUERY_MODULES)('%s still imports findDOM from the request the swap matches', (module) => {
    const source = readFileSync(join(TARO_H5, 'dist', module), 'utf8')
    expect(source).toMatch(new RegExp(`import \\{[^}]*\\bfindDOM\\b[^}]*\\} from '${FIND_DOM_REQUEST.replace(/\./g, '\\.')}'`))
    // …and falls back to the document when findDOM gives no container.
    expect(source).toMatch(/findDOM\([^)]*\) \|\| document/)
    expect(FIND_DOM_PATTERN.test(FIND_DOM_REQUEST)).toBe(true)
  })

  it('the module it imports still exports the findDOM the shim wraps, and still throws between pages', () => {
    const utils = readFileSync(join(TARO_H5, 'dist', 'utils', 'index.js'), 'utf8')
    expect(utils).toMatch(/export \{[^}]*\bfindDOM\b/)
    expect(utils).toContain('在已加载页面中没有找到对应的容器元素')
    expect(readFileSync(FIND_DOM_SHIM, 'utf8')).toContain("from '@tarojs/taro-h5/dist/utils/index.js'")
  })

  it('redirects those two imports and nothing else', () => {
    const issuer = (module: string) => join(TARO_H5, 'dist', module)
    for (const module of PAGE_QUERY_MODULES) {
      const data = { request: FIND_DOM_REQUEST, contextInfo: { issuer: issuer(module) } }
      expect(isPageQueryImport(data)).toBe(true)
      redirectPageQuery(data)
      expect(data.request).toBe(FIND_DOM_SHIM)
    }
    // Windows paths too.
    expect(isPageQueryImport({ request: FIND_DOM_REQUEST, contextInfo: { issuer: issuer(PAGE_QUERY_MODULES[0]).replace(/\//g, '\\') } })).toBe(true)
    const others = [
      { request: FIND_DOM_REQUEST, contextInfo: { issuer: issuer('api/canvas/createCanvasContext.js') } },
      { request: FIND_DOM_REQUEST, contextInfo: { issuer: join(__dirname, 'api', 'wxml', 'selectorQuery.js') } },
      { request: './nodesRef.js', contextInfo: { issuer: issuer(PAGE_QUERY_MODULES[0]) } },
      { request: FIND_DOM_REQUEST },
    ]
    for (const data of others) {
      expect(isPageQueryImport(data)).toBe(false)
      const before = data.request
      redirectPageQuery(data)
      expect(data.request).toBe(before)
    }
  })
})
