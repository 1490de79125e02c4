/**
 * GeoReport v2's XML: a root element holding the answer, a list as one element per item (named
 * for the list: `<services><service>`, `<service_requests><request>`, `<errors><error>`), null as
 * an empty element, with the UTF-8 declaration. Pure; the server's `/open311/v2/` writes its
 * `.xml` answers with it (ADR 27).
 */

const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot hold at all (controls other than tab, newline, return) are dropped.
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
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
      .map(([key, inner]) => element(key, inner))
      .join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** A document: `root` holding `value`. */
export function toGeoReportXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`
}
