import type { UserConfigExport } from '@tarojs/cli'
import { h5Terser } from './h5-production'
import { weappTerser } from './weapp-minify'

export default {
  // What the weapp main package weighs (ADR 33): terser's own compressions and UTF-8 text. Taro reads
  // `terser` from the top level for every platform.
  ...(process.env.TARO_ENV === 'weapp' ? { terser: { enable: true, config: weappTerser } } : {}),
  // H5: terser without Taro's kept function names and quoted keys (config/h5-production.ts, ADR 36).
  ...(process.env.TARO_ENV === 'h5' ? { terser: { enable: true, config: h5Terser } } : {}),
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
