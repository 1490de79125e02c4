/**
 * What the H5 production build does to weigh less on the first page (ADR 36). H5 only: the weapp
 * has its own settings (config/weapp-minify.ts).
 */
import path from 'node:path'
import { mobxProduction } from './weapp-minify'

/** The part of Taro's webpack-chain config used here. */
interface Chain {
  set(key: 'target', value: string[]): unknown
  resolve: { alias: { set(name: string, value: string): unknown } }
  module: {
    rule(name: string): {
      test(file: string): { type(type: string): unknown; set(key: 'sideEffects', value: boolean): { use(name: string): { loader(file: string): unknown } } }
      exclude: { clear(): unknown }
    }
    rules: { delete(name: string): unknown }
  }
}

/** The stand-in for `@tarojs/components` and the loader writing it. */
export const TARO_COMPONENTS = path.join(__dirname, 'h5', 'taro-components.js')
export const TARO_COMPONENTS_LOADER = path.join(__dirname, 'h5', 'taro-components-loader.js')

/**
 * mobx-react-lite's own production build: without its development checks and texts. Its package is
 * `"type": "commonjs"`, so webpack is told this file is an ES module.
 */
export const mobxReactLiteProduction = require.resolve('mobx-react-lite/dist/mobxreactlite.esm.production.min.js')

/**
 * Taro's H5 terser settings (@tarojs/webpack5-runner, H5BaseConfig) keep every function's name
 * (`keep_fnames`) and quote every object key (`quote_keys`, `keep_quoted_props`): about 14 KB gzipped
 * of 首页's script. Nothing in the app or in Taro's H5 runtime reads a function's name; terser's
 * other defaults stay, with a second compression pass. Applied as `terser.config` (config/prod.ts).
 */
export const h5Terser = {
  keep_fnames: false,
  ecma: 2017,
  compress: { passes: 2 },
  output: { quote_keys: false, keep_quoted_props: false },
}

/** Applies the module aliases and the stylesheet extraction in `h5.webpackChain` (production only). */
export function h5ProductionChain(chain: Chain): void {
  // MobX's and mobx-react-lite's production modules, as on the weapp (ADR 33).
  chain.resolve.alias.set('mobx$', mobxProduction)
  chain.resolve.alias.set('mobx-react-lite$', mobxReactLiteProduction)
  chain.module.rule('mobx-react-lite-esm').test(mobxReactLiteProduction).type('javascript/esm')
  // Taro's own stylesheets (@tarojs/components*, with the icon font as a data: URI) went through
  // style-loader: text inside the scripts, inserted at the top of <head> when they run. Extracted
  // like the app's, they are in app.css (first in it, so the app's rules still win) and not in JS.
  chain.module.rules.delete('taroStyle')
  chain.module.rule('customStyle').exclude.clear()
  // The browsers of package.json's browserslist run ES2017: webpack's runtime need not be ES5 (Taro's target).
  chain.set('target', ['web', 'es2017'])
  // Taro's React wrappers one module per component: a page gets the components it draws (config/h5/taro-components-loader.js).
  chain.resolve.alias.set('@tarojs/components$', TARO_COMPONENTS)
  chain.module.rule('taro-components').test(TARO_COMPONENTS).set('sideEffects', false).use('taro-components').loader(TARO_COMPONENTS_LOADER)
}
