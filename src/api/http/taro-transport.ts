import Taro from '@tarojs/taro'
import { decodeDataUrl, fileNameFor, lowerCaseKeys, parseJsonText, textOf, type Transport } from './transport'

/**
 * The app's transport: `Taro.request` (wx.request on weapp, fetch on H5; as an ArrayBuffer for a
 * file answer) and `Taro.uploadFile`.
 *
 * H5 keeps photos as data URLs (src/platform/media.ts), but Taro's H5 `uploadFile` fetches
 * `filePath` with an XMLHttpRequest as a blob: URL and names the part `file-<time>` without an
 * extension. A data URL is therefore turned into a Blob behind an object URL first, and given a
 * file name that says what it is; the object URL is released once the upload is over.
 */
export function taroTransport(): Transport {
  return {
    async request({ method, url, headers, data, timeoutMs }) {
      const res = await Taro.request({
        url,
        method,
        header: headers,
        data: data === undefined ? undefined : (data as Record<string, unknown>),
        timeout: timeoutMs,
        dataType: 'json',
      })
      return { status: res.statusCode, headers: lowerCaseKeys(res.header as Record<string, unknown>), data: normaliseBody(res.data) }
    },

    /** wx.request and Taro's H5 request both read a body as an ArrayBuffer when asked. */
    async download({ url, headers, timeoutMs }) {
      const res = await Taro.request({ url, method: 'GET', header: headers, timeout: timeoutMs, responseType: 'arraybuffer', dataType: 'binary' })
      const bytes = res.data instanceof ArrayBuffer ? new Uint8Array(res.data) : new Uint8Array(0)
      const ok = res.statusCode >= 200 && res.statusCode < 300
      return { status: res.statusCode, headers: lowerCaseKeys(res.header as Record<string, unknown>), ...(ok ? { bytes, data: null } : { data: parseJsonText(textOf(bytes)) }) }
    },

    async upload({ url, filePath, name, headers, formData, timeoutMs }) {
      const file = uploadable(filePath)
      try {
        const res = await Taro.uploadFile({
          url,
          filePath: file.path,
          fileName: file.fileName,
          name,
          header: headers,
          formData,
          timeout: timeoutMs,
        })
        // uploadFile answers with the body as a string on every platform.
        return { status: res.statusCode, data: normaliseBody(res.data) }
      } finally {
        file.release()
      }
    },
  }
}

/** wx.request hands back non-JSON text as a string, H5 as null; both reach the adapter as they are. */
function normaliseBody(data: unknown): unknown {
  return typeof data === 'string' ? parseJsonText(data) : (data ?? null)
}

function uploadable(filePath: string): { path: string; fileName?: string; release(): void } {
  const canBlob = typeof Blob !== 'undefined' && typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function'
  if (!filePath.startsWith('data:') || !canBlob) return { path: filePath, release: () => undefined }
  const { type, bytes } = decodeDataUrl(filePath)
  const objectUrl = URL.createObjectURL(new Blob([bytes], { type }))
  return { path: objectUrl, fileName: fileNameFor(type), release: () => URL.revokeObjectURL(objectUrl) }
}
