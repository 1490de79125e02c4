import type { Compilation, Compiler } from 'webpack'

/**
 * H5 memory build only: the demo backend is a chunk of its own, loaded on the first call
 * (src/api/memory/lazy.ts, ADR 31). A person signed in on this device calls it at once, so waiting
 * for the app's first chunk to run before asking for it costs a round trip and its download on the
 * first screen. An inline script in index.html asks for it right away (`<link rel="preload">`) when
 * the session token is in localStorage; a first visit downloads nothing more.
 */
export const BACKEND_CHUNK = 'demo-backend'
/** Taro's H5 setStorage keeps a key under its own name in localStorage (src/api/memory/identity.ts). */
export const TOKEN_KEY = 'linli.mem.token'

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
        const group = compilation.namedChunkGroups.get(BACKEND_CHUNK)
        if (!group) return data // not a memory build: nothing to preload
        const publicPath = String(compilation.outputOptions.publicPath ?? '')
        const files = group.chunks.flatMap((chunk) => [...chunk.files].filter((f) => f.endsWith('.js'))).map((f) => `${publicPath === 'auto' ? '' : publicPath}${f}`)
        data.headTags.unshift({ tagName: 'script', voidTag: false, attributes: {}, innerHTML: preloadScript(files, TOKEN_KEY) })
        return data
      })
    })
  }
}
