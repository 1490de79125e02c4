import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { ChunkModulesPlugin } from './chunk-modules-plugin'
import { WeappAsyncChunks } from './weapp-async-chunks'
import { mobxProduction } from './weapp-minify'
import { trimTemplateInChain } from './weapp-template-trim'
import { pageQueryPlugin } from './h5-page-query'
import { PreloadBackendWhenSignedIn } from './h5-preload-backend'
import { rootSizeScript } from './h5-root-size'
import { h5ProductionChain } from './h5-production'
import { h5SplitChunks } from './h5-split-chunks'
import devConfig from './dev'
import prodConfig from './prod'

// Outputs are kept apart so one build never wipes another: weapp → dist/, H5 on the embedded demo
// backend → dist-h5/, H5 talking to a server → dist-h5-http/, H5 reporting to a city's Open311
// system → dist-h5-open311/.
const H5_OUTPUT: Record<string, string> = { http: 'dist-h5-http', open311: 'dist-h5-open311' }
// The weapp on a city's Open311 system goes to dist-open311/ (open that folder in DevTools), so the
// test suite's weapp builds of the other modes never overwrite it.
const outputRoot =
  process.env.TARO_ENV === 'h5'
    ? (H5_OUTPUT[process.env.TARO_APP_API_MODE ?? ''] ?? 'dist-h5')
    : process.env.TARO_APP_API_MODE === 'open311'
      ? 'dist-open311'
      : 'dist'

// NutUI ConfigProvider's import of its zh-CN texts, and the weapp's one-text stand-in.
const NUTUI_LOCALE = /^\.\.\/\.\.\/locales\/zh-CN$/
const nutuiLocale = path.resolve(__dirname, 'nutui-locale-zh-cn.js')

// types/ (the contract shared with the server) lives outside src/: compile its TypeScript too.
const compile = { include: [path.resolve(__dirname, '..', 'types')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-21',
    // NutUI is drawn at 375; our own styles at 750.
    designWidth(input) {
      const file = typeof input === 'object' && input ? (input as { file?: string }).file : undefined
      if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // The mini-program's base.wxml levels (H5 has no templates): 14, not Taro's 16 (−6 KB). The bundle
    // tests' deepest page is 11 levels deep; test/support/weapp-harness.ts fails a test whose page
    // reaches past the levels, whose nodes would be drawn through the `comp` component (ADR 37).
    baseLevel: 14,
    mini: {
      compile,
      // No stylesheet loader in the runtime: a mini-program has no <link>, and a lazy chunk's styles
      // are in the .wxss files Taro writes (config/weapp-async-chunks.ts).
      miniCssExtractPluginOption: { ignoreOrder: true, runtime: false },
      // No HTML is set on the weapp: Taro's innerHTML setter (and, with config/taro-index.js, its parser) is out.
      runtime: { enableInnerHTML: false },
      postcss: {
        pxtransform: { enable: true, config: {} },
        // After pxtransform: elder sizes and targets keep their 375 px value on narrower phones.
        './config/postcss-size-floor.js': { enable: true, config: {} },
        // NutUI Button's stylesheet without the variants no Button of the app has (config/postcss-nutui-button-trim.js).
        './config/postcss-nutui-button-trim.js': { enable: true, config: {} },
        // NutUI's icon stylesheet without the animation classes no icon of the app has (config/postcss-nutui-icon-trim.js).
        './config/postcss-nutui-icon-trim.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain, webpack) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // NutUI's ConfigProvider defaults to its zh-CN texts of every component; the app's read one (config/nutui-locale-zh-cn.js).
        chain.plugin('nutui-locale').use(webpack.NormalModuleReplacementPlugin, [NUTUI_LOCALE, nutuiLocale])
        // MobX's production module, without its switched-off development half (config/weapp-minify.ts).
        if (process.env.NODE_ENV === 'production') chain.resolve.alias.set('mobx$', mobxProduction)
        // NutUI's ConfigProvider names its theme's CSS variables with lodash.kebabcase; ASCII keys need less (config/kebab-case.js).
        chain.resolve.alias.set('lodash.kebabcase$', path.resolve(__dirname, 'kebab-case.js'))
        // @tarojs/taro's index without its CommonJS require of the whole runtime (config/taro-index.js).
        chain.resolve.alias.set('@tarojs/taro$', path.resolve(__dirname, 'taro-index.js'))
        // Lazy chunks (the memory build's demo backend) live in a subpackage and load by require.async.
        chain.plugin('async-chunks').use(WeappAsyncChunks)
        // base.wxml without the View, Text and ScrollView attributes nothing sets (config/weapp-template-trim.ts).
        trimTemplateInChain(chain)
        if (process.env.LINLI_BUNDLE_STATS) chain.plugin('chunk-modules').use(ChunkModulesPlugin, [process.env.LINLI_BUNDLE_STATS])
      },
    },
    h5: {
      compile,
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // The root font size from the viewport, right from the first paint (config/h5-root-size.ts).
      htmlPluginOption: { script: rootSizeScript() },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('page-query-fallback').use(...pageQueryPlugin)
        // Pages share what they have in common instead of each carrying a copy (config/h5-split-chunks.ts).
        chain.optimization.splitChunks(h5SplitChunks())
        // MobX's production modules; Taro's stylesheets extracted, not in the scripts (config/h5-production.ts).
        if (process.env.NODE_ENV === 'production') h5ProductionChain(chain)
        // Signed in on this device: the demo backend's chunk is asked for by index.html, not after the app runs.
        chain.plugin('preload-backend').use(PreloadBackendWhenSignedIn)
        if (process.env.LINLI_BUNDLE_STATS) chain.plugin('chunk-modules').use(ChunkModulesPlugin, [process.env.LINLI_BUNDLE_STATS])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
