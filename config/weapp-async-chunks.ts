import type { Compiler } from 'webpack'

/**
 * The weapp's lazy chunks, loaded with WeChat's `require.async` (分包异步化, base library ≥ 2.11.2)
 * instead of the `<script>` tag webpack's web target writes (ADR 33). Taro 4.2 compiles `import()`
 * for the web: its runtime would call `document.createElement('script')`, which a mini-program has
 * not. This plugin puts each named lazy chunk in the subpackage `ASYNC_CHUNKS` gives it, and makes
 * the runtime load a chunk with `require.async(path)`: the file runs, pushes its modules into the
 * same `webpackJsonp` array as the page chunks, and webpack's own chunk callback resolves `import()`.
 *
 * The chunk is renamed after its file (`auth/demo-backend`) before Taro splits the chunks (ADR 37):
 * Taro's MiniSplitChunksPlugin then counts it as a chunk of that subpackage, so a module it shares
 * with another subpackage's pages (the domain rules the demo backend and the consult pages both
 * run) goes to a `sub-common/` chunk copied into each subpackage, not into the main package's
 * `common.js`. Taro copies a `sub-common/` chunk only next to the pages that need it; the one a lazy
 * chunk needs is copied here into the lazy chunk's subpackage, and the runtime loads it from there.
 */
export const ASYNC_CHUNKS: Record<string, string> = {
  // The demo backend, its core services and demo data (src/api/memory/lazy.ts): in the sign-in
  // subpackage, which a memory build opens first, not in the main package.
  'demo-backend': 'auth/demo-backend.js',
  // The HTTP adapter's groups only subpackage pages call (src/api/http/groups/later.ts, ADR 37): in the
  // same small subpackage, fetched once the home page shows (an HTTP build has no demo backend).
  'http-later': 'auth/http-later.js',
}

const NAME = 'WeappAsyncChunks'
const SUB_COMMON = 'sub-common/'

/** The subpackage the lazy chunks' shared `sub-common/` chunks are copied into (one for all of them). */
export const ASYNC_SUB_COMMON_ROOT = [...new Set(Object.values(ASYNC_CHUNKS).map((file) => file.split('/')[0]))].join()

export class WeappAsyncChunks {
  apply(compiler: Compiler): void {
    const { RuntimeGlobals, RuntimeModule, Template, Compilation } = compiler.webpack
    if (ASYNC_SUB_COMMON_ROOT.includes(',')) throw new Error('config/weapp-async-chunks.ts: every lazy chunk must live in one subpackage')
    const renamed = new Map(Object.entries(ASYNC_CHUNKS).map(([name, file]) => [name, file.replace(/\.js$/, '')]))
    const files = new Map([...renamed.values()].map((name) => [name, `${name}.js`]))
    const output = compiler.options.output
    const fallback = output.chunkFilename
    output.chunkFilename = (pathData, assetInfo) => {
      const name = pathData.chunk?.name
      if (name && files.has(name)) return files.get(name)!
      return typeof fallback === 'function' ? fallback(pathData, assetInfo) : (fallback ?? '[name].js')
    }

    class RequireAsyncLoadScript extends RuntimeModule {
      constructor() {
        super('load script by require.async')
      }
      override generate(): string {
        const fn = RuntimeGlobals.loadScript
        // `url` is publicPath ('/') + the chunk's file; require.async takes a path from this file (the root).
        // A `sub-common/` chunk a lazy chunk needs was copied into the lazy chunks' subpackage.
        return Template.asString([
          `${fn} = function (url, done) {`,
          Template.indent([
            `var path = './' + url.replace(/^\\/+/, '').replace(/^${SUB_COMMON.replace('/', '\\/')}/, ${JSON.stringify(`${ASYNC_SUB_COMMON_ROOT}/${SUB_COMMON}`)});`,
            "var event = function (type) { return { type: type, target: { src: url } }; };",
            "require.async(path).then(function () { done(event('load')); }, function () { done(event('error')); });",
          ]),
          '};',
        ])
      }
    }

    // Taro's MiniSplitChunksPlugin lifts webpack's cap on the chunks a page loads at once, not on the
    // chunks an `import()` loads (webpack's default when none is given: 1), so a lazy chunk could not
    // share a `sub-common/` chunk and its shared modules went to the main package's `common.js`.
    for (const plugin of compiler.options.plugins) {
      if (plugin?.constructor?.name !== 'MiniSplitChunksPlugin') continue
      ;(plugin as unknown as { options: { maxAsyncRequests: number } }).options.maxAsyncRequests = Infinity
    }

    compiler.hooks.compilation.tap(NAME, (compilation) => {
      // Before Taro's optimizeChunks: the lazy chunk is named as a chunk of its subpackage.
      compilation.hooks.afterChunks.tap(NAME, (chunks) => {
        for (const chunk of chunks) {
          const to = chunk.name ? renamed.get(chunk.name) : undefined
          if (!to || !chunk.name) continue
          compilation.namedChunks.delete(chunk.name)
          chunk.name = to
          compilation.namedChunks.set(to, chunk)
        }
      })
      // Ahead of webpack's RuntimePlugin, which would add the <script> loader: a bail hook, the first answer wins.
      compilation.hooks.runtimeRequirementInTree.for(RuntimeGlobals.loadScript).tap({ name: NAME, stage: -10 }, (chunk) => {
        compilation.addRuntimeModule(chunk, new RequireAsyncLoadScript())
        return true
      })
      // After minification, before Taro drops the root `sub-common/` files (its ANALYSE stage).
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, (assets) => {
        for (const chunk of compilation.chunks) {
          if (!chunk.name || !files.has(chunk.name)) continue
          for (const group of chunk.groupsIterable) {
            for (const needed of group.chunks) {
              if (!needed.name?.startsWith(SUB_COMMON)) continue
              for (const file of needed.files) {
                if (!file.endsWith('.js') || !assets[file]) continue
                compilation.emitAsset(`${ASYNC_SUB_COMMON_ROOT}/${file}`, assets[file], {})
              }
            }
          }
        }
      })
    })
  }
}
