import Taro from '@tarojs/taro'
import { lowerCaseKeys } from '../http/transport'

/**
 * The transport under the Open311 adapter: one request, its answer as text. GeoReport answers are
 * read by src/domain/open311 from the text (a JSON list, an error object, an HTML page from a
 * proxy), so nothing here parses. Rejects only when no answer came (offline, refused, its own timeout).
 */
export interface TextRequest {
  method: 'GET' | 'POST'
  /** Absolute, query included. */
  url: string
  headers: Record<string, string>
  /** A form-encoded body (POST). */
  body?: string
  timeoutMs: number
}

export interface TextResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  text: string
}

export interface TextTransport {
  request(options: TextRequest): Promise<TextResponse>
}

/** wx.request on weapp, fetch on H5: the body is sent as written, the answer read as text. */
export function taroTextTransport(): TextTransport {
  return {
    async request({ method, url, headers, body, timeoutMs }) {
      const res = await Taro.request({ url, method, header: headers, data: body, timeout: timeoutMs, dataType: 'text', responseType: 'text' })
      const data: unknown = res.data
      const text = typeof data === 'string' ? data : data === undefined || data === null ? '' : JSON.stringify(data)
      return { status: res.statusCode, headers: lowerCaseKeys(res.header as Record<string, unknown>), text }
    },
  }
}

/** Over WHATWG fetch (Node, the contract tests). */
export function fetchTextTransport(fetchImpl: typeof fetch = globalThis.fetch): TextTransport {
  return {
    async request({ method, url, headers, body, timeoutMs }) {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      try {
        const res = await fetchImpl(url, { method, headers, body, signal: controller.signal })
        const out: Record<string, string> = {}
        res.headers.forEach((value, key) => {
          out[key] = value
        })
        return { status: res.status, headers: lowerCaseKeys(out), text: await res.text() }
      } catch (error) {
        throw new Error(controller.signal.aborted ? `timeout after ${timeoutMs} ms` : `fetch failed: ${(error as Error)?.message ?? error}`)
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
