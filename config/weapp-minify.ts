/**
 * How the weapp build is minified (ADR 33). Taro's own
 * terser settings (@tarojs/webpack5-runner, MiniBaseConfig) switch off most of terser's compressions
 * and write every non-ASCII character as a `\uXXXX` escape — six bytes for a Chinese character that
 * UTF-8 writes in three. The main package is what every first start downloads, so the weapp build
 * turns terser's defaults back on and writes UTF-8 (WeChat reads its scripts as UTF-8).
 */
export const weappTerser = {
  compress: {
    // Taro turns these off; they are terser's defaults.
    collapse_vars: true,
    comparisons: true,
    computed_props: true,
    hoist_props: true,
    inline: true,
    loops: true,
    negate_iife: true,
    properties: true,
    reduce_funcs: true,
    reduce_vars: true,
    switches: true,
    typeofs: true,
    passes: 2,
  },
  output: { ascii_only: false },
}

/**
 * MobX's ES module (`mobx/dist/mobx.mjs`) keeps its development code behind a module-level
 * `const __MOBX_DEV__ = process.env.NODE_ENV !== "production"`. Webpack's export getters may call its
 * functions before that const is set, so terser cannot fold it and the whole development half (its
 * error texts, its checks) ships, switched off. MobX's own production build of the same module does
 * not carry it; the weapp production build resolves `mobx` to it.
 */
export const mobxProduction = require.resolve('mobx/dist/mobx.esm.production.min.js')
