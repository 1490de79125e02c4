import { ASYNC_CHUNKS } from '../../../config/weapp-async-chunks'

// src/app.config.ts calls Taro's build-time global.
;(globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-var-requires
const appConfig: { pages: string[]; subPackages: Array<{ root: string }>; preloadRule?: Record<string, { packages: string[] }> } = require('../../../src/app.config').default

describe('the weapp lazy chunks (config/weapp-async-chunks.ts)', () => {
  it('puts the demo backend outside the main package, in a subpackage app.config declares', () => {
    const file = ASYNC_CHUNKS['demo-backend']
    expect(file).toMatch(/\.js$/)
    const root = file.split('/')[0]
    expect(appConfig.subPackages.map((p) => p.root)).toContain(root)
    expect(appConfig.pages.some((page) => page.startsWith(`${root}/`))).toBe(false)
  })

  it('has every lazy chunk’s subpackage fetched once the home page shows', () => {
    const preloaded = appConfig.preloadRule?.['pages/home/index']?.packages ?? []
    for (const file of Object.values(ASYNC_CHUNKS)) expect(preloaded).toContain(file.split('/')[0])
  })
})
