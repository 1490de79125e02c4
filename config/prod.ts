import type { UserConfigExport } from '@tarojs/cli'
import { weappTerser } from './weapp-minify'

export default {
  // What the weapp main package weighs (ADR 33): terser's own compressions and UTF-8 text. Taro reads
  // `terser` from the top level for every platform; H5 keeps Taro's settings.
  ...(process.env.TARO_ENV === 'weapp' ? { terser: { enable: true, config: weappTerser } } : {}),
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
