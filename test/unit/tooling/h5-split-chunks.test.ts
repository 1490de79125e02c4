import { h5SplitChunks, isPackage, isTaro, MIN_SHARED_BYTES } from '../../../config/h5-split-chunks'

/** How the H5 build is split (config/h5-split-chunks.ts, applied in config/index.ts's h5.webpackChain). */
describe('the H5 split', () => {
  const split = h5SplitChunks()

  it('splits the lazy page chunks too, not only the initial ones (Taro’s default)', () => {
    expect(split.chunks).toBe('all')
    expect(split.minSize).toBe(MIN_SHARED_BYTES)
    expect(split.cacheGroups.default).toBe(false)
    expect(split.cacheGroups.defaultVendors).toBe(false)
  })

  it('shares packages and the app’s own modules used by two chunks or more; Taro’s runtime stays in the first chunk', () => {
    expect(split.cacheGroups.vendors).toMatchObject({ minChunks: 2, reuseExistingChunk: true })
    expect(split.cacheGroups.common).toMatchObject({ minChunks: 2, reuseExistingChunk: true })
    expect(split.cacheGroups.taro).toMatchObject({ chunks: 'initial' })
    expect(split.cacheGroups.taro.priority).toBeGreaterThan(split.cacheGroups.vendors.priority)
    expect(split.cacheGroups.vendors.priority).toBeGreaterThan(split.cacheGroups.common.priority)
  })

  it('tells packages and Taro’s packages by their paths, the same on every call', () => {
    const nutui = { resource: '/app/node_modules/@nutui/nutui-react-taro/dist/es/packages/button/button.taro.js' }
    const own = { resource: '/app/src/ui/screen.tsx', context: '/app/src/ui' }
    const taro = { resource: '/app/node_modules/@tarojs/runtime/dist/index.js', context: '/app/node_modules/@tarojs/runtime/dist' }
    for (let i = 0; i < 3; i++) {
      expect(isPackage(nutui)).toBe(true)
      expect(isPackage(own)).toBe(false)
      expect(isTaro(taro)).toBe(true)
      expect(isTaro(own)).toBe(false)
    }
    expect(isPackage({ resource: 'C:\\app\\node_modules\\dayjs\\dayjs.min.js' })).toBe(true)
    expect(isPackage({})).toBe(false)
  })
})
