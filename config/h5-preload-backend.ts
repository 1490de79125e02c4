import type { Compilation, Compiler } from 'webpack'

/**
 * The adapter is a chunk of its own on H5, loaded on the first call: the demo backend on the memory
 * build (src/api/memory/lazy.ts, ADR 31), the HTTP adapter on the HTTP build (src/api/http/lazy.ts,
 * ADR 40). A person signed in on this device calls it at once, so waiting for the app's first chunk
 * to run before asking for it costs a round trip and its download on the first screen. An inline
 * script in index.html asks for it right away (`<link rel="preload">`) when the session token is in
 * localStorage; a first visit downloads nothing more.
 */
export const BACKEND_CHUNK = 'demo-backend'
/** Taro's H5 setStorage keeps a key under its own name in localStorage (src/api/memory/identity.ts). */
export const TOKEN_KEY = 'linli.mem.token'
/** The HTTP build's adapter chunk and its token key (src/api/http/lazy.ts, src/api/http/identity.ts). */
export const HTTP_ADAPTER_CHUNK = 'http-adapter'
export const HTTP_TOKEN_KEY = 'linli.http.token'

/** Each lazy adapter chunk and the storage key whose presence means it is needed at once. */
export const PRELOADED: ReadonlyArray<{ chunk: string; key: string }> = [
  { chunk: BACKEND_CHUNK, key: TOKEN_KEY },
  { chunk: HTTP_ADAPTER_CHUNK, key: HTTP_TOKEN_KEY },
]

/** The inline script: preload `files` (relative to the page) when `key` is in localStorage. */
export function preloadScript(files: string[], key: string): string {
  return (
    `try{if(localStorage.getItem(${JSON.stringify(key)})){${JSON.stringify(files)}.forEach(function(f){` +
    `var l=document.createElement('link');l.rel='preload';l.as='script';l.href=f;document.head.appendChild(l)})}}catch(e){}`
  )
}

interface HtmlHooks {
  alterAssetTagGroups: {
    tap(name: string, fn: (data: { headTags: { tagName: string; voidTag: boolean; attributes: Record<string, string | boolean>; innerHTML?: string }[] }) => unknown): void
  }
}

export class PreloadBackendWhenSignedIn {
  apply(compiler: Compiler): void {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const HtmlWebpackPlugin = require('html-webpack-plugin') as { getHooks(c: Compilation): HtmlHooks }
    compiler.hooks.compilation.tap('PreloadBackendWhenSignedIn', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadBackendWhenSignedIn', (data) => {
        for (const { chunk: name, key } of PRELOADED) {
          const group = compilation.namedChunkGroups.get(name)
          if (!group) continue // not this build's adapter: nothing to preload
          const publicPath = String(compilation.outputOptions.publicPath ?? '')
          const files = group.chunks.flatMap((chunk) => [...chunk.files].filter((f) => f.endsWith('.js'))).map((f) => `${publicPath === 'auto' ? '' : publicPath}${f}`)
          data.headTags.unshift({ tagName: 'script', voidTag: false, attributes: {}, innerHTML: preloadScript(files, key) })
        }
        return data
      })
    })
  }
}
