/**
 * A schema-driven fuzzer of the API: the operations of the OpenAPI document, a valid request of each
 * built from its schemas (with examples the caller knows: real ids of the seeded data), and malformed
 * variants derived from the same schemas — path parameters, query parameters, headers and bodies,
 * each broken in one place at a time so that every check along the way is reached.
 *
 * Everything is deterministic: the same document, examples and seed give the same requests (the
 * order of the variants is shuffled by a seeded generator, never by Math.random).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The part of JSON Schema the contract uses. */
export interface Schema {
  $ref?: string
  type?: string
  enum?: Json[]
  const?: Json
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  maxProperties?: number
  items?: Schema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema: Schema
}

interface DocumentOperation {
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> }
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentOperation>>
  components?: { schemas?: Record<string, Schema> }
}

export interface Operation {
  /** `POST /api/v1/reports/{id}/rating`: the document's path, the method in capitals. */
  key: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  parameters: Parameter[]
  body: { type: 'json'; schema: Schema } | { type: 'multipart' } | null
}

/** One request, exactly as it is sent (the payload's bytes included). */
export interface FuzzRequest {
  label: string
  method: Operation['method']
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Every operation of the document, in the document's order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const content = op.requestBody?.content ?? {}
      const body: Operation['body'] = content['application/json']
        ? { type: 'json', schema: content['application/json'].schema }
        : content['multipart/form-data']
          ? { type: 'multipart' }
          : null
      const upper = method.toUpperCase() as Operation['method']
      operations.push({ key: `${upper} ${path}`, method: upper, path, parameters: op.parameters ?? [], body })
    }
  }
  return operations
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

// ── schemas ─────────────────────────────────────────────────────────────────────────────────────

export class Schemas {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: Schema): Schema {
    let s = schema
    for (let hops = 0; s.$ref && hops < 20; hops++) {
      const name = s.$ref.split('/').pop() ?? ''
      const target = this.doc.components?.schemas?.[name]
      if (!target) throw new Error(`unresolved $ref ${s.$ref}`)
      s = target
    }
    return s
  }

  /** The allowed values of an enum (`enum`, `const`, or a union of single-value enums), or null. */
  enumOf(schema: Schema): Json[] | null {
    const s = this.resolve(schema)
    if (s.enum) return s.enum
    if (s.const !== undefined) return [s.const]
    const union = s.anyOf ?? s.oneOf
    if (union) {
      const values: Json[] = []
      for (const branch of union) {
        const inner = this.enumOf(branch)
        if (!inner) return null
        values.push(...inner)
      }
      return values
    }
    return null
  }

  /** The JSON type of a schema (the first branch's for a union). */
  typeOf(schema: Schema): string {
    const s = this.resolve(schema)
    if (s.type) return s.type
    const values = this.enumOf(s)
    if (values) return typeof values[0] === 'number' ? 'number' : 'string'
    const union = s.anyOf ?? s.oneOf ?? s.allOf
    if (union?.length) return this.typeOf(union[0])
    return 'any'
  }

  /** An object schema's properties (of the first branch of a union). */
  propertiesOf(schema: Schema): { properties: Record<string, Schema>; required: string[]; closed: boolean } | null {
    const s = this.resolve(schema)
    const union = s.anyOf ?? s.oneOf
    if (union?.length && !this.enumOf(s)) return this.propertiesOf(union[0])
    if (this.typeOf(s) !== 'object') return null
    return { properties: s.properties ?? {}, required: s.required ?? [], closed: s.additionalProperties === false }
  }
}

// ── valid values ────────────────────────────────────────────────────────────────────────────────

/**
 * A value the caller knows for a field (`where` the field is, its name, its schema): a real id, a
 * date in range. Undefined: sample one from the schema.
 */
export type Examples = (where: { op: Operation; in: 'path' | 'query' | 'header' | 'body'; name: string; schema: Schema }) => Json | undefined

/** Is the field an instant, a date or a month (by its name), so that its format can be broken? */
export function isTimeLike(name: string): boolean {
  return /(At|From|Until|Date)$|^(from|to|date|period|startsAt|expiresAt|closesAt|effectiveFrom)$/.test(name)
}

export class Sampler {
  constructor(
    readonly schemas: Schemas,
    private readonly examples: Examples,
  ) {}

  /** The caller's example for a field, if any. */
  example(op: Operation, where: 'path' | 'query' | 'header' | 'body', name: string, schema: Schema): Json | undefined {
    return this.examples({ op, in: where, name, schema })
  }

  /** A valid value of `schema` for the field `name` (required properties only, unions by their first branch). */
  value(op: Operation, where: 'path' | 'query' | 'header' | 'body', name: string, schema: Schema, depth = 0): Json {
    const known = this.example(op, where, name, schema)
    if (known !== undefined) return known
    const s = this.schemas.resolve(schema)
    const values = this.schemas.enumOf(s)
    if (values) return values[0]
    if ((s.anyOf ?? s.oneOf)?.length) return this.value(op, where, name, (s.anyOf ?? s.oneOf)![0], depth)
    if (s.allOf?.length) return this.value(op, where, name, s.allOf[0], depth)
    switch (this.schemas.typeOf(s)) {
      case 'object': {
        const out: Record<string, Json> = {}
        if (depth > 8) return out
        for (const key of s.required ?? []) out[key] = this.value(op, where, key, s.properties?.[key] ?? {}, depth + 1)
        return out
      }
      case 'array': {
        const count = s.minItems ?? 0
        return Array.from({ length: count }, () => this.value(op, where, name, s.items ?? {}, depth + 1))
      }
      case 'integer':
      case 'number':
        return clamp(1, s)
      case 'boolean':
        return false
      case 'string': {
        const text = '邻里测试'
        const min = s.minLength ?? 0
        const max = s.maxLength ?? 100
        return text.padEnd(Math.max(min, 1), '试').slice(0, Math.max(max, min))
      }
      default:
        return 'x'
    }
  }
}

function clamp(value: number, s: Schema): number {
  let v = value
  if (s.minimum !== undefined && v < s.minimum) v = s.minimum
  if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) v = s.exclusiveMinimum + 1
  if (s.maximum !== undefined && v > s.maximum) v = s.maximum
  return v
}

// ── requests ────────────────────────────────────────────────────────────────────────────────────

/** A request in parts, before it is composed: path and query values already percent-encoded. */
export interface Parts {
  path: Record<string, string>
  /** [name, value] pairs, percent-encoded, in order (duplicates allowed). */
  query: Array<[string, string]>
  headers: Record<string, string>
  /** A JSON body (serialised as is), a raw payload, or none. */
  body?: { json: Json } | { raw: string | Buffer; contentType: string }
  /** Appended to the composed path (`/..`, a trailing slash). */
  pathSuffix?: string
}

export function compose(op: Operation, parts: Parts, label: string): FuzzRequest {
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => parts.path[name] ?? '')
  url += parts.pathSuffix ?? ''
  if (parts.query.length > 0) url += `?${parts.query.map(([k, v]) => `${k}=${v}`).join('&')}`
  const headers = { ...parts.headers }
  let payload: string | Buffer | undefined
  if (parts.body && 'json' in parts.body) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(parts.body.json)
  } else if (parts.body) {
    headers['content-type'] = parts.body.contentType
    payload = parts.body.raw
  }
  return { label, method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}) }
}

/** A multipart body of one file part, with a fixed boundary (deterministic bytes). */
export function multipartFile(name: string, filename: string, contentType: string, data: Buffer): { raw: Buffer; contentType: string } {
  const boundary = '----linli-fuzz-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`
  return { raw: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

const enc = (value: Json): string => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))

/** The valid request of an operation: required parameters and body from the schemas and the examples. */
export function validParts(op: Operation, sampler: Sampler, upload?: () => { raw: Buffer; contentType: string }): Parts {
  const parts: Parts = { path: {}, query: [], headers: {} }
  for (const p of op.parameters) {
    if (p.in === 'path') parts.path[p.name] = enc(sampler.value(op, 'path', p.name, p.schema))
    else if (p.in === 'query') {
      // Optional query parameters only where the examples give a value.
      const value = p.required ? sampler.value(op, 'query', p.name, p.schema) : sampler.example(op, 'query', p.name, p.schema)
      if (value !== undefined && value !== null) parts.query.push([p.name, enc(value)])
    } else if (p.in === 'header') {
      const value = p.required ? sampler.value(op, 'header', p.name, p.schema) : sampler.example(op, 'header', p.name, p.schema)
      if (value !== undefined && value !== null) parts.headers[p.name] = String(value)
    }
  }
  if (op.body?.type === 'json') parts.body = { json: sampler.value(op, 'body', '', op.body.schema) }
  else if (op.body?.type === 'multipart' && upload) parts.body = upload()
  return parts
}

// ── malformed variants ──────────────────────────────────────────────────────────────────────────

const LONE_SURROGATE_URL = '%ED%A0%80' // U+D800 as WTF-8 bytes: not UTF-8
const HUGE_QUERY = 'a'.repeat(8192)
const DEEP_JSON = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`
const OVER_BODY_LIMIT = JSON.stringify({ fuzz: 'x'.repeat(300 * 1024) })

/** A nested value `depth` levels deep: `[[[…]]]`. */
function nested(depth: number): Json {
  let v: Json = []
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

/** Years outside 2000–2100, outside 0–9999, and past what a JavaScript Date holds. */
const INSTANTS_OUT_OF_RANGE = [
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2101-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-14T00:00:00Z',
]
const BAD_TIME_FORMATS = ['not-a-date', '2026-02-30T00:00:00Z', '2026-13-01', '24:61', '2026-1-1', '1e10']

/**
 * Requests every operation gets: its URL and headers broken in ways that do not depend on its
 * schemas (unknown query parameters, broken encodings, bad tokens, bodies of every wrong kind).
 */
export function genericVariants(op: Operation, valid: Parts): FuzzRequest[] {
  const withQuery = (extra: Array<[string, string]>): Parts => ({ ...valid, query: [...valid.query, ...extra] })
  const withBody = (raw: string | Buffer, contentType: string): Parts => ({ ...valid, body: { raw, contentType } })
  const withAuth = (authorization: string): Parts => ({ ...valid, headers: { ...valid.headers, authorization } })
  const list: Array<[string, Parts]> = [
    ['query: an unknown parameter', withQuery([['fuzz', '1']])],
    ['query: a lone surrogate as name and value', withQuery([[LONE_SURROGATE_URL, LONE_SURROGATE_URL]])],
    ['query: a NUL character', withQuery([['fuzz', '%00']])],
    ['query: broken percent-encoding', withQuery([['fuzz', '%E0%A4%A']])],
    ['query: 8 KB', withQuery([['fuzz', HUGE_QUERY]])],
    ['query: __proto__', withQuery([['__proto__', '1'], ['constructor', '1']])],
    ['path: /.. appended', { ...valid, pathSuffix: '/..' }],
    ['path: a trailing slash', { ...valid, pathSuffix: '/' }],
    ['path: a unicode segment appended', { ...valid, pathSuffix: '/%E9%82%BB%E9%87%8C' }],
    ['authorization: a malformed bearer token', withAuth('Bearer short')],
    ['authorization: an unknown token', withAuth(`Bearer ${'A'.repeat(43)}`)],
    ['authorization: the Basic scheme', withAuth('Basic dXNlcjpwYXNz')],
    ['content-type: text/plain', withBody('hello', 'text/plain')],
    ['content-type: application/x-www-form-urlencoded', withBody('a=1', 'application/x-www-form-urlencoded')],
    ['content-type: application/json with a charset Fastify does not read', withBody('{}', 'application/json; charset=utf-16')],
    ['json: an empty body', withBody('', 'application/json')],
    ['json: broken', withBody('{"a":', 'application/json')],
    ['json: null', withBody('null', 'application/json')],
    ['json: an array', withBody('[1,2,3]', 'application/json')],
    ['json: a string', withBody('"邻里"', 'application/json')],
    ['json: 3,000 levels deep', withBody(DEEP_JSON, 'application/json')],
    ['json: __proto__', withBody('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', 'application/json')],
    ['json: over the body limit', withBody(OVER_BODY_LIMIT, 'application/json')],
    ['multipart: truncated', withBody('--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG', 'multipart/form-data; boundary=fuzz')],
    ['multipart: no boundary', withBody('--x\r\n\r\n', 'multipart/form-data')],
  ]
  const requests = list.map(([label, parts]) => compose(op, parts, label))
  if (op.path.startsWith('/api/v1/')) {
    const dotted = compose(op, valid, 'path: a %2e%2e segment')
    requests.push({ ...dotted, url: dotted.url.replace('/api/v1/', '/api/v1/%2e%2e/') })
  }
  return requests
}

/** Malformed variants derived from the operation's schemas, each broken in one place. */
export function derivedVariants(op: Operation, valid: Parts, schemas: Schemas, foreignIds: (name: string) => string[]): FuzzRequest[] {
  const out: FuzzRequest[] = []
  const add = (label: string, parts: Parts) => out.push(compose(op, parts, label))

  for (const p of op.parameters) {
    const s = schemas.resolve(p.schema)
    const type = schemas.typeOf(s)
    const values = schemas.enumOf(s)
    if (p.in === 'path') {
      const at = (label: string, value: string) => add(`path ${p.name}: ${label}`, { ...valid, path: { ...valid.path, [p.name]: value } })
      at('an unknown id', 'zz-fuzz-unknown')
      for (const id of foreignIds(p.name)) at("another community's", encodeURIComponent(id))
      at('over its maximum length', 'a'.repeat((s.maxLength ?? 64) + 1))
      at("over the router's limit", 'a'.repeat(300))
      at('..', '..')
      at('an encoded slash', 'a%2Fb')
      at('unicode', '%E9%82%BB%E9%87%8C')
      at('an emoji', '%F0%9F%98%80')
      at('a lone surrogate', LONE_SURROGATE_URL)
      at('a NUL character', 'a%00b')
      at('broken percent-encoding', '%E0%A4%A')
      at('empty', '')
      at('a space', '%20')
      at('SQL', "'%20OR%201%3D1--")
      at('a negative number', '-1')
      at('a huge number', '1e309')
      if (values) at('an unknown value', 'teleport')
      if (isTimeLike(p.name)) for (const t of [...INSTANTS_OUT_OF_RANGE.slice(0, 2), ...BAD_TIME_FORMATS.slice(0, 3)]) at(`the time ${t}`, encodeURIComponent(t))
    } else if (p.in === 'query') {
      const others = valid.query.filter(([k]) => k !== p.name)
      const at = (label: string, pairs: Array<[string, string]>) => add(`query ${p.name}: ${label}`, { ...valid, query: [...others, ...pairs] })
      const one = (label: string, value: string) => at(label, [[p.name, value]])
      if (p.required) at('missing', [])
      one('empty', '')
      one('a lone surrogate', LONE_SURROGATE_URL)
      one('a NUL character', 'a%00b')
      one('broken percent-encoding', '%E0%A4%A')
      one('over its maximum length', 'a'.repeat((s.maxLength ?? 200) + 1))
      one('huge', '1e309')
      one('a huge integer', '99999999999999999999')
      one('negative', '-1')
      one('a float', '1.5')
      one('hexadecimal', '0x10')
      one('a wrong type', type === 'string' ? '%5B%5D' : 'abc')
      at('twice', [[p.name, '1'], [p.name, '2']])
      at('as an array', [[`${p.name}%5B%5D`, '1']])
      if (s.minimum !== undefined) one('under its minimum', String(s.minimum - 1))
      if (s.maximum !== undefined) one('over its maximum', String(s.maximum + 1))
      if (values) one('an unknown value', 'nope')
      if (type === 'boolean') one('yes', 'yes')
      if (p.name === 'cursor') for (const c of ['0|0', '-1', 'bm90LWEtY3Vyc29y', '999999999999|zz', '%7C', 'MHww']) one(`the cursor ${decodeURIComponent(c)}`, c)
      if (isTimeLike(p.name)) for (const t of [...INSTANTS_OUT_OF_RANGE, ...BAD_TIME_FORMATS]) one(`the time ${t}`, encodeURIComponent(t))
    } else if (p.in === 'header') {
      const without = Object.fromEntries(Object.entries(valid.headers).filter(([k]) => k !== p.name))
      const at = (label: string, value: string | null) => add(`header ${p.name}: ${label}`, { ...valid, headers: value === null ? without : { ...without, [p.name]: value } })
      at('missing', null)
      at('empty', '')
      at('too short', 'abc')
      at('over its maximum length', 'k'.repeat((s.maxLength ?? 200) + 1))
      at('with a slash', 'fuzz-key/with-slash')
      at('with spaces', 'fuzz key with spaces')
      at('percent-encoded unicode', '%E9%82%BB%E9%87%8C%E9%82%BB%E9%87%8C')
    }
  }

  if (op.body?.type === 'json' && valid.body && 'json' in valid.body) {
    const base = valid.body.json
    const body = (label: string, json: Json) => add(`body: ${label}`, { ...valid, body: { json } })
    body('an empty object', {})
    body('an array of the valid body', [base])
    body('a number', 42)
    body('an unknown field', isObject(base) ? { ...base, fuzzUnknown: true } : { fuzzUnknown: true })
    body('fields a client may never set', isObject(base) ? { ...base, id: 'zz', communityId: 'c-chunhui', status: 'closed', version: 99, createdAt: '2000-01-01T00:00:00Z' } : { id: 'zz' })
    for (const target of targetsOf(op.body.schema, base, schemas)) {
      for (const [label, mutate] of mutationsOf(target, schemas)) body(`${target.path.join('.')}: ${label}`, mutate(base))
    }
  }
  if (op.body?.type === 'multipart') {
    const raw = (label: string, payload: string | Buffer, contentType: string) => add(`multipart: ${label}`, { ...valid, body: { raw: payload, contentType } })
    raw('no parts', '------linli-fuzz-boundary--\r\n', 'multipart/form-data; boundary=----linli-fuzz-boundary')
    raw('a field instead of a file', '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--b--\r\n', 'multipart/form-data; boundary=b')
    raw('a file of text', multipartFile('file', 'a.png', 'image/png', Buffer.from('not an image')).raw, multipartFile('file', 'a', 'x', Buffer.alloc(0)).contentType)
    raw('an empty file', multipartFile('file', 'a.png', 'image/png', Buffer.alloc(0)).raw, multipartFile('file', 'a', 'x', Buffer.alloc(0)).contentType)
    raw('a file under another name', multipartFile('photo', 'a.png', 'image/png', Buffer.from('x')).raw, multipartFile('file', 'a', 'x', Buffer.alloc(0)).contentType)
    raw('a filename with a NUL and ..', multipartFile('file', '../\u0000.png', 'image/png', Buffer.from('x')).raw, multipartFile('file', 'a', 'x', Buffer.alloc(0)).contentType)
  }
  return out
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface Target {
  /** Property names from the body's root. */
  path: string[]
  schema: Schema
  required: boolean
  /** The object's schema allows no other properties. */
  parentClosed: boolean
}

/** The body's properties to break: top-level ones, and one level inside objects and first array items. */
function targetsOf(schema: Schema, base: Json, schemas: Schemas): Target[] {
  const out: Target[] = []
  const walk = (s: Schema, path: string[], depth: number) => {
    const props = schemas.propertiesOf(s)
    if (!props) return
    for (const [name, inner] of Object.entries(props.properties)) {
      const target: Target = { path: [...path, name], schema: inner, required: props.required.includes(name), parentClosed: props.closed }
      out.push(target)
      if (depth === 0) {
        const type = schemas.typeOf(inner)
        if (type === 'object') walk(inner, target.path, depth + 1)
        else if (type === 'array') {
          const items = schemas.resolve(inner).items
          if (items && schemas.typeOf(items) === 'object' && Array.isArray(at(base, target.path)) && (at(base, target.path) as Json[]).length > 0) {
            walk(items, [...target.path, '0'], depth + 1)
          }
        }
      }
    }
  }
  walk(schema, [], 0)
  return out
}

function at(value: Json, path: string[]): Json | undefined {
  let v: Json | undefined = value
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = Array.isArray(v) ? v[Number(key)] : v[key]
  }
  return v
}

/** `value` with the field at `path` set to `next` (undefined: removed); parents created as objects. */
function setAt(value: Json, path: string[], next: Json | undefined): Json {
  const copy = structuredClone(value)
  if (copy === null || typeof copy !== 'object') return copy
  let node = copy as Record<string, Json>
  for (const key of path.slice(0, -1)) {
    const child = (node as Record<string, Json>)[key]
    if (child === null || typeof child !== 'object') (node as Record<string, Json>)[key] = {}
    node = (node as Record<string, Json>)[key] as Record<string, Json>
  }
  const last = path[path.length - 1]
  if (next === undefined) delete node[last]
  else node[last] = next
  return copy
}

type Mutation = [string, (base: Json) => Json]

function mutationsOf(target: Target, schemas: Schemas): Mutation[] {
  const s = schemas.resolve(target.schema)
  const type = schemas.typeOf(s)
  const values = schemas.enumOf(s)
  const name = target.path[target.path.length - 1]
  const set = (label: string, next: Json | undefined): Mutation => [label, (base) => setAt(base, target.path, next)]
  const list: Mutation[] = []
  if (target.required) list.push(set('missing', undefined))
  list.push(set('null', null))
  list.push(set('1,000 levels deep', nested(1000)))
  if (type === 'string') {
    list.push(set('a number', 12345))
    list.push(set('empty', ''))
    list.push(set('blank', '   \t\n'))
    list.push(set('over its maximum length', '邻'.repeat((s.maxLength ?? 1000) + 1)))
    list.push(set('a lone surrogate', 'a\ud800b'))
    list.push(set('a NUL character', 'a\u0000b'))
    list.push(set('control characters and an emoji', '\u0007\u001b[31m😀\u202e'))
    list.push(set('an array', ['a']))
    list.push(set('an object', { a: 'b' }))
    if (values) list.push(set('an unknown value', 'nope'), set('the right value in capitals', String(values[0]).toUpperCase()))
    if (isTimeLike(name)) for (const t of [...INSTANTS_OUT_OF_RANGE, ...BAD_TIME_FORMATS]) list.push(set(`the time ${t}`, t))
  } else if (type === 'integer' || type === 'number') {
    list.push(set('a string', '1'))
    list.push(set('huge', 1e308))
    list.push(set('over 2^53', 9007199254740993))
    list.push(set('negative', -1))
    list.push(set('zero', 0))
    list.push(set('a float', 1.5))
    list.push(set('a boolean', true))
    if (s.maximum !== undefined) list.push(set('over its maximum', s.maximum + 1))
    if (s.minimum !== undefined) list.push(set('under its minimum', s.minimum - 1))
    if (values) list.push(set('an unknown value', 99))
  } else if (type === 'boolean') {
    list.push(set('the string "true"', 'true'))
    list.push(set('1', 1))
  } else if (type === 'array') {
    list.push(set('an object', { a: 1 }))
    list.push(set('a string', 'a'))
    list.push(set('over its maximum items', Array.from({ length: (s.maxItems ?? 100) + 1 }, () => 'x')))
    list.push(set('an item of the wrong type', [{ wrong: true }]))
    list.push(set('a null item', [null]))
    list.push(set('a lone-surrogate item', ['\ud800']))
  } else if (type === 'object') {
    list.push(set('an array', [{}]))
    list.push(set('a string', '{}'))
    list.push(set('an empty object', {}))
    list.push([`an unknown field inside`, (base) => setAt(base, [...target.path, 'fuzzUnknown'], 1)])
    list.push(set('with __proto__', JSON.parse('{"__proto__":{"polluted":true}}') as Json))
  }
  return list
}

// ── reporting ───────────────────────────────────────────────────────────────────────────────────

/** The request as it was sent, the bearer token hidden, long payloads cut (their length given). */
export function describeRequest(request: FuzzRequest, role: string): string {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, k === 'authorization' && /^Bearer [A-Za-z0-9_-]{20,}$/.test(v) ? `Bearer <${role}>` : v]))
  const payload =
    request.payload === undefined
      ? '(none)'
      : Buffer.isBuffer(request.payload)
        ? `<${request.payload.length} bytes> ${JSON.stringify(request.payload.subarray(0, 200).toString('latin1'))}`
        : request.payload.length > 600
          ? `${JSON.stringify(request.payload.slice(0, 600))}… (${request.payload.length} characters)`
          : JSON.stringify(request.payload)
  const url = request.url.length > 400 ? `${request.url.slice(0, 400)}… (${request.url.length} characters)` : request.url
  return `[${role}] ${request.label}\n  ${request.method} ${url}\n  headers: ${JSON.stringify(headers)}\n  body: ${payload}`
}
