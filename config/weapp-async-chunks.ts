import type { Compiler } from 'webpack'

/**
 * The weapp's lazy chunks, loaded with WeChat's `require.async` (分包异步化, base library ≥ 2.11.2)
 * instead of the `<script>` tag webpack's web target writes (ADR 33). Taro 4.2 compiles `import()`
 * for the web: its runtime would call `document.createElement('script')`, which a mini-program has
 * not. This plugin puts each named lazy chunk in the subpackage `ASYNC_CHUNKS` gives it, and makes
 * the runtime load a chunk with `require.async(path)`: the file runs, pushes its modules into the
 * same `webpackJsonp` array as the page chunks, and webpack's own chunk callback resolves `import()`.
 */
export const ASYNC_CHUNKS: Record<string, string> = {
  // The demo backend, its core services and demo data (src/api/memory/lazy.ts): in the sign-in
  // subpackage, which a memory build opens first, not in the main package.
  'demo-backend': 'auth/demo-backend.js',
}

const NAME = 'WeappAsyncChunks'

export class WeappAsyncChunks {
  apply(compiler: Compiler): void {
    const { RuntimeGlobals, RuntimeModule, Template } = compiler.webpack
    const output = compiler.options.output
    const fallback = output.chunkFilename
    output.chunkFilename = (pathData, assetInfo) => {
      const name = pathData.chunk?.name
      if (name && ASYNC_CHUNKS[name]) return ASYNC_CHUNKS[name]
      return typeof fallback === 'function' ? fallback(pathData, assetInfo) : (fallback ?? '[name].js')
    }

    class RequireAsyncLoadScript extends RuntimeModule {
      constructor() {
        super('load script by require.async')
      }
      override generate(): string {
        const fn = RuntimeGlobals.loadScript
        // `url` is publicPath ('/') + the chunk's file; require.async takes a path from this file (the root).
        return Template.asString([
          `${fn} = function (url, done) {`,
          Template.indent([
            "var path = './' + url.replace(/^\\/+/, '');",
            "var event = function (type) { return { type: type, target: { src: url } }; };",
            "require.async(path).then(function () { done(event('load')); }, function () { done(event('error')); });",
          ]),
          '};',
        ])
      }
    }

    compiler.hooks.compilation.tap(NAME, (compilation) => {
      // Ahead of webpack's RuntimePlugin, which would add the <script> loader: a bail hook, the first answer wins.
      compilation.hooks.runtimeRequirementInTree.for(RuntimeGlobals.loadScript).tap({ name: NAME, stage: -10 }, (chunk) => {
        compilation.addRuntimeModule(chunk, new RequireAsyncLoadScript())
        return true
      })
    })
  }
}
