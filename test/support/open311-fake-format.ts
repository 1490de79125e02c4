/**
 * How the GeoReport v2 fake (open311-fake.ts) writes its answers: JSON or XML, timestamps in a chosen
 * offset with or without fractions, and null fields written as `null`, left out, or `""`, as real
 * servers do. Pure functions; no server here.
 */

export type Format = 'json' | 'xml'
export type NullStyle = 'null' | 'absent' | 'empty'

/** `date` as ISO 8601 in `offsetMinutes` from UTC (`Z` at 0), with 0, 3 or 6 fraction digits (6: microseconds past the millisecond, `…123456`). */
export function formatTimestamp(date: Date, offsetMinutes: number, fractionDigits: 0 | 3 | 6): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000)
  const iso = shifted.toISOString() // YYYY-MM-DDTHH:mm:ss.sssZ, in the shifted clock
  const base = iso.slice(0, 19)
  const ms = iso.slice(20, 23)
  const fraction = fractionDigits === 0 ? '' : `.${fractionDigits === 3 ? ms : `${ms}456`}`
  if (offsetMinutes === 0) return `${base}${fraction}Z`
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${base}${fraction}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** An object with its `null` fields written in `style` (only the keys listed in `nullable`). */
export function withNulls(record: Record<string, unknown>, nullable: readonly string[], style: NullStyle): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === null && nullable.includes(key)) {
      if (style === 'absent') continue
      out[key] = style === 'empty' ? '' : null
    } else {
      out[key] = value
    }
  }
  return out
}

/** The element name of a list's items in GeoReport's XML. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

function element(name: string, value: unknown): string {
  if (value === undefined) return ''
  if (value === null || value === '') return `<${name}></${name}>`
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item'
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** A document: `root` holding `value` (a list becomes one element per item), with the UTF-8 declaration. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`
}

export function contentTypeOf(format: Format): string {
  return format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8'
}

export const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>'
