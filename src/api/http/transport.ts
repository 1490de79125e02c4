/**
 * The thin transport under the HTTP adapter. openapi-fetch and friends need `Request`/`Headers`,
 * which WeChat lacks, so the adapter speaks to this instead: one JSON request and one multipart file
 * upload. A third call reads a file answer (an export) as bytes. Implementations: `taroTransport()` (wx.request / uploadFile, fetch on H5) for the app and
 * `fetchTransport()` for Node (the contract tests). Auth, retries, timeouts and error mapping are
 * the adapter's business, not the transport's.
 */
/** wx.request has no PATCH: the adapter never sends one. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface TransportRequest {
  method: HttpMethod
  /** Absolute URL, query string included. */
  url: string
  headers: Record<string, string>
  /** Sent as JSON. */
  data?: unknown
  timeoutMs: number
}

export interface TransportResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  /** The parsed JSON body; the raw text (or null) when the body is not JSON. */
  data: unknown
}

export interface TransportUpload {
  url: string
  /** A file on the device (weapp), or a `data:` URL (H5 keeps photos as data URLs). */
  filePath: string
  /** The multipart field name of the file. */
  name: string
  headers: Record<string, string>
  formData?: Record<string, string>
  timeoutMs: number
}

export interface TransportUploadResponse {
  status: number
  /** The parsed JSON body; the raw text (or null) when the body is not JSON. */
  data: unknown
}

/** A GET whose 2xx body is a file (a workbook): its bytes; any other answer's body parsed as for `request`. */
export interface TransportDownloadResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  /** A 2xx answer's bytes. */
  bytes?: Uint8Array
  /** A non-2xx answer's parsed JSON body (the error), or its text, or null. */
  data: unknown
}

/**
 * Resolves with any HTTP answer, whatever its status; rejects only when no answer arrived (offline,
 * DNS, connection reset, its own timeout).
 */
export interface Transport {
  request(options: TransportRequest): Promise<TransportResponse>
  upload(options: TransportUpload): Promise<TransportUploadResponse>
  /** Absent on a transport that cannot read bytes (a test's fake): file endpoints answer not_supported. */
  download?(options: Omit<TransportRequest, 'data' | 'method'>): Promise<TransportDownloadResponse>
}

/** UTF-8 bytes as text (a file answer's error body); '' where the platform has no decoder. */
export function textOf(bytes: Uint8Array): string {
  return typeof TextDecoder === 'undefined' ? '' : new TextDecoder().decode(bytes)
}

/** A JSON text parsed, or the text itself when it is not JSON (the adapter then reports `server`). */
export function parseJsonText(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function lowerCaseKeys(headers: Record<string, unknown> | undefined | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = String(value)
  return out
}

/** The bytes and type of a `data:` URL (base64 or percent-encoded). */
export function decodeDataUrl(url: string): { type: string; bytes: Uint8Array<ArrayBuffer> } {
  const match = /^data:([^,]*?),(.*)$/s.exec(url)
  if (!match) throw new Error('not a data: URL')
  const meta = match[1].split(';')
  const type = meta[0] || 'text/plain'
  if (meta.includes('base64')) {
    const binary = atob(match[2])
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return { type, bytes }
  }
  return { type, bytes: new TextEncoder().encode(decodeURIComponent(match[2])) }
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' }
const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' }

/** A file name the server can take the type from (`photo.jpg` for a JPEG data URL). */
export function fileNameFor(type: string): string {
  return `photo.${EXTENSIONS[type] ?? 'bin'}`
}

/** The image type a file path's extension names, or a generic binary type. */
export function typeOfPath(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''
  return TYPES[ext] ?? 'application/octet-stream'
}
