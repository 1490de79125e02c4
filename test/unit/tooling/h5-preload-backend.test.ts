import { runInNewContext } from 'node:vm'
import { BACKEND_CHUNK, HTTP_ADAPTER_CHUNK, HTTP_TOKEN_KEY, PRELOADED, preloadScript, TOKEN_KEY } from '../../../config/h5-preload-backend'
import { TOKEN_KEY as HTTP_APP_TOKEN_KEY } from '../../../src/api/http/identity'
import { HTTP_ADAPTER_CHUNK as APP_HTTP_ADAPTER_CHUNK } from '../../../src/api/http/lazy'
import { TOKEN_KEY as APP_TOKEN_KEY } from '../../../src/api/memory/identity'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** index.html's inline script that asks for the demo backend's chunk at once when signed in (config/h5-preload-backend.ts). */
function run(stored: Record<string, string>) {
  const added: { rel: string; as: string; href: string }[] = []
  const document = {
    createElement: () => ({ rel: '', as: '', href: '' }),
    head: { appendChild: (l: { rel: string; as: string; href: string }) => added.push({ ...l }) },
  }
  const localStorage = { getItem: (k: string) => stored[k] ?? null }
  runInNewContext(preloadScript(['./js/demo-backend.1234.js'], TOKEN_KEY), { document, localStorage })
  return added
}

describe('the demo backend preloaded when signed in (H5 memory build)', () => {
  it('asks for the chunk when the session token is stored, and for nothing on a first visit', () => {
    expect(run({ [TOKEN_KEY]: '{"data":"t-1"}' })).toEqual([{ rel: 'preload', as: 'script', href: './js/demo-backend.1234.js' }])
    expect(run({})).toEqual([])
  })

  it('reads the key the app keeps its token under, and names the chunk the app imports', () => {
    expect(TOKEN_KEY).toBe(APP_TOKEN_KEY)
    const lazy = readFileSync(join(__dirname, '../../../src/api/memory/lazy.ts'), 'utf8')
    const imports = lazy.match(/import\(\s*\/\* webpackChunkName: "([^"]+)" \*\/\s*'\.\/index'\)/g) ?? []
    expect(imports.length).toBe(2)
    for (const i of imports) expect(i).toContain(`"${BACKEND_CHUNK}"`)
  })

  it('never breaks the page when storage cannot be read', () => {
    const script = preloadScript(['./js/x.js'], TOKEN_KEY)
    expect(() =>
      runInNewContext(script, {
        document: {},
        localStorage: {
          getItem: () => {
            throw new Error('SecurityError')
          },
        },
      }),
    ).not.toThrow()
  })
})

describe('the HTTP adapter preloaded when signed in (H5 HTTP build, ADR 40)', () => {
  it('reads the key the HTTP adapter keeps its token under, and names the chunk the app imports', () => {
    expect(HTTP_TOKEN_KEY).toBe(HTTP_APP_TOKEN_KEY)
    expect(HTTP_ADAPTER_CHUNK).toBe(APP_HTTP_ADAPTER_CHUNK)
    const lazy = readFileSync(join(__dirname, '../../../src/api/http/lazy.ts'), 'utf8')
    expect(lazy).toContain(`import(/* webpackChunkName: "${HTTP_ADAPTER_CHUNK}" */ './client')`)
    expect(PRELOADED).toEqual([
      { chunk: BACKEND_CHUNK, key: TOKEN_KEY },
      { chunk: HTTP_ADAPTER_CHUNK, key: HTTP_TOKEN_KEY },
    ])
  })
})
