import { decodeDataUrl, fileNameFor, lowerCaseKeys, parseJsonText, typeOfPath, type Transport } from './transport'

export interface FetchTransportOptions {
  /**
   * Reads a file on disk for an upload. Defaults to Node's `fs` (found at run time, so no import of
   * it ever reaches an app bundle); `data:` URLs need no file system.
   */
  readFile?: (path: string) => Promise<Uint8Array>
}

/**
 * A transport over WHATWG `fetch` (Node ≥ 18, browsers): the contract tests drive the HTTP adapter
 * against a real server through it. The app itself uses `taroTransport()`.
 */
export function fetchTransport(fetchImpl: typeof fetch = globalThis.fetch, options: FetchTransportOptions = {}): Transport {
  const readFile = options.readFile ?? readFileFromNode

  async function send(url: string, init: RequestInit, timeoutMs: number, binary = false) {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const res = await fetchImpl(url, { ...init, signal: controller.signal })
      const headers: Record<string, string> = {}
      res.headers.forEach((value, key) => {
        headers[key] = value
      })
      if (binary && res.status >= 200 && res.status < 300) return { status: res.status, headers: lowerCaseKeys(headers), data: null, bytes: new Uint8Array(await res.arrayBuffer()) }
      const text = await res.text()
      return { status: res.status, headers: lowerCaseKeys(headers), data: parseJsonText(text) }
    } catch (error) {
      throw new Error(controller.signal.aborted ? `timeout after ${timeoutMs} ms` : `fetch failed: ${(error as Error)?.message ?? error}`)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    request({ method, url, headers, data, timeoutMs }) {
      return send(url, { method, headers, body: data === undefined ? undefined : JSON.stringify(data) }, timeoutMs)
    },

    download({ url, headers, timeoutMs }) {
      return send(url, { method: 'GET', headers }, timeoutMs, true)
    },

    async upload({ url, filePath, name, headers, formData, timeoutMs }) {
      let file: Blob
      let fileName: string
      if (filePath.startsWith('data:')) {
        const { type, bytes } = decodeDataUrl(filePath)
        file = new Blob([bytes], { type })
        fileName = fileNameFor(type)
      } else {
        file = new Blob([(await readFile(filePath)) as Uint8Array<ArrayBuffer>], { type: typeOfPath(filePath) })
        fileName = filePath.split(/[\\/]/).pop() || 'photo'
      }
      const form = new FormData()
      for (const [key, value] of Object.entries(formData ?? {})) form.append(key, value)
      form.append(name, file, fileName)
      const { status, data } = await send(url, { method: 'POST', headers, body: form }, timeoutMs)
      return { status, data }
    },
  }
}

async function readFileFromNode(path: string): Promise<Uint8Array> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const fs = proc?.getBuiltinModule?.('node:fs/promises') as { readFile(path: string): Promise<Uint8Array> } | undefined
  if (!fs) throw new Error(`cannot read ${path}: no file system here (pass fetchTransport a readFile)`)
  return fs.readFile(path)
}
