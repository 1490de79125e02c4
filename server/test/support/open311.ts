import type { LightMyRequestResponse } from 'fastify'
import { JSDOM } from 'jsdom'
import { issuePartnerKey } from '../../admin/partners'
import type { Database } from '../../db'
import type { World } from './world'

/** What the server's `/open311/v2/` tests share (ADR 27): keys, calls, and a reader of GeoReport's XML. */

export const V2 = '/open311/v2'
export const YINGYUE = 'YYDEMO'
export const CHUNHUI = 'CHDEMO'

export async function keyFor(db: Database, code: string, name = '锡山区城市服务平台', now?: () => Date): Promise<string> {
  return (await issuePartnerKey(db, code, name, now)).key
}

export function get(world: World, path: string, query: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const search = new URLSearchParams(query).toString()
  return world.inject({ method: 'GET', url: `${V2}/${path}${search ? `?${search}` : ''}` })
}

/** A form-encoded POST, as the spec sends it. */
export function postForm(world: World, path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return world.inject({ method: 'POST', url: `${V2}/${path}`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body.toString() })
}

const LISTS: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }

function valueOf(element: Element): unknown {
  const children = [...element.children]
  if (element.tagName in LISTS) {
    for (const child of children) if (child.tagName !== LISTS[element.tagName]) throw new Error(`<${element.tagName}> holds <${child.tagName}>`)
    return children.map(valueOf)
  }
  if (children.length === 0) return element.textContent === '' ? null : element.textContent
  const out: Record<string, unknown> = {}
  for (const child of children) {
    if (child.tagName in out) throw new Error(`<${element.tagName}> holds <${child.tagName}> twice`)
    out[child.tagName] = valueOf(child)
  }
  return out
}

/** A GeoReport XML document as `{ root, value }`: lists as arrays, empty elements as null, every leaf as text. Throws on XML that does not parse. */
export function parseXml(text: string): { root: string; value: unknown } {
  if (!text.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error(`no XML declaration: ${text.slice(0, 80)}`)
  const document = new new JSDOM('').window.DOMParser().parseFromString(text, 'text/xml')
  const error = document.getElementsByTagName('parsererror')[0]
  if (error) throw new Error(`XML does not parse: ${error.textContent}`)
  return { root: document.documentElement.tagName, value: valueOf(document.documentElement) }
}

/** Assert the spec's error shape in JSON or XML, with a Chinese description; answers the descriptions. */
export function expectSpecError(response: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json'): string[] {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
  let errors: unknown
  if (format === 'json') {
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    errors = response.json()
  } else {
    expect(response.headers['content-type']).toMatch(/^text\/xml/)
    const parsed = parseXml(response.body)
    expect(parsed.root).toBe('errors')
    errors = (parsed.value as Array<Record<string, string>>).map((e) => ({ ...e, code: Number(e.code) }))
  }
  expect(Array.isArray(errors)).toBe(true)
  const list = errors as Array<{ code: unknown; description: unknown }>
  expect(list.length).toBeGreaterThan(0)
  for (const error of list) {
    expect(Object.keys(error).sort()).toEqual(['code', 'description'])
    expect(error.code).toBe(status)
    expect(typeof error.description).toBe('string')
    expect(error.description).toMatch(/[\u4e00-\u9fff]/)
  }
  return list.map((e) => e.description as string)
}
