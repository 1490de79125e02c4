/**
 * How an endpoint of the reference server's REST API is declared: once, in ./endpoints/<resource>.ts,
 * with everything the request pipeline needs to know about it — method, path template, what the call
 * sends (query, JSON body, file) and gets back (a check of the contract's response body), whether a
 * failed try may be repeated, whether it needs the session, and its timeout class. The groups in
 * ./groups/ call these declarations; nothing else in the adapter names a route.
 */
import type { HttpMethod } from './transport'

/** A request's time limit: `upload` for a photo (60 s by default), `normal` for the rest (15 s). */
export type TimeoutClass = 'normal' | 'upload'

/** A request's query string, before encoding; undefined and empty values are left out. */
export type Query = Record<string, string | number | boolean | undefined>

type Flat<T> = { [K in keyof T]: T[K] } & {}

/** The names in a path template: `'/reports/{id}/actions/{move}'` → `{ id: string; move: string }`. */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Flat<{ [K in Name]: string } & PathParams<Rest>>
  : {}

export interface Endpoint<Path extends string = string, Input = unknown, Response = unknown> {
  readonly method: HttpMethod
  /** Under the API root (`/api/v1`); `{name}` stands for a path parameter, encoded when filled in. */
  readonly path: Path
  /**
   * Whether a try that failed transiently is repeated: reads, submissions that carry an idempotency
   * key (the server answers a repeat with the original) and writes that are harmless twice. Any
   * other write may already have acted when its answer was lost, so it fails at once and the user decides.
   */
  readonly repeatable: boolean
  /** Sends the session's bearer token; a 401 answer then ends the session on the device. */
  readonly auth: boolean
  readonly timeout: TimeoutClass
  /** Every call carries an Idempotency-Key. */
  readonly idempotent: boolean
  /** For an upload: the multipart field the file goes in (the call gives a file, not a JSON body). */
  readonly file?: string
  /** The 2xx answer is a file (a workbook), handed on as `{ fileName, bytes }`, not JSON. */
  readonly download?: boolean
  /** Whether a 2xx body has the shape the contract promises (checked shallowly: the server validates its answers). */
  readonly accepts: (data: unknown) => data is Response
  /** Type only, never set: what a call gives besides the path parameters. */
  readonly input?: Input
}

/** What a call of `E` gives: path parameters, query, body, file, idempotency key, per-call overrides. */
export type InputOf<E> =
  E extends Endpoint<infer Path, infer Input, unknown>
    ? Flat<(keyof PathParams<Path> extends never ? unknown : { params: PathParams<Path> }) & Input & CallOverrides>
    : never

/** What a call of `E` answers: the contract's body the endpoint's check accepts. */
export type ResponseOf<E> = E extends Endpoint<string, unknown, infer Response> ? Response : never

/** The arguments of a call of `E`: optional when it needs nothing. */
export type ArgsOf<E> = {} extends InputOf<E> ? [input?: InputOf<E>] : [input: InputOf<E>]

export interface CallOverrides {
  /** Overrides the endpoint's `repeatable` for this call (e.g. one quick try at app start). */
  retry?: boolean
  /** Overrides the endpoint's timeout class for this call. */
  timeoutMs?: number
}

/** What the pipeline reads off a call's input, whatever the endpoint. */
export interface AnyInput extends CallOverrides {
  params?: Record<string, string>
  query?: Query
  body?: unknown
  file?: string
  idempotencyKey?: string
}

/** A declaration under way: each step returns a new one; `returns()` ends it. */
export interface EndpointBuilder<Path extends string, Input> {
  /** The call's query string has this shape. */
  query<Q extends Query>(): EndpointBuilder<Path, Input & { query?: Q }>
  /** The call sends this JSON body. */
  body<B>(): EndpointBuilder<Path, Input & { body: B }>
  /** Every call carries an Idempotency-Key, so a failed try is repeated under the same key. */
  idempotencyKey(): EndpointBuilder<Path, Input & { idempotencyKey: string }>
  /** A write that is harmless twice (e.g. marking read): repeated like a read. */
  harmlessToRepeat(): EndpointBuilder<Path, Input>
  /** Open without a session (sign-in): no token is sent, a 401 does not sign anyone out. */
  public(): EndpointBuilder<Path, Input>
  /** The answer is a file: its bytes and the name the server gave it (Content-Disposition). */
  download(): EndpointBuilder<Path, Input>
  /** The end of the declaration: the check of the 2xx answer's body. */
  returns<Response>(accepts: (data: unknown) => data is Response): Endpoint<Path, Input, Response>
}

type Spec = Omit<Endpoint, 'accepts' | 'input'>

function builder<Path extends string, Input>(spec: Spec): EndpointBuilder<Path, Input> {
  const next = <I>(change: Partial<Spec> = {}) => builder<Path, I>({ ...spec, ...change })
  return {
    query: () => next(),
    body: () => next(),
    idempotencyKey: () => next({ idempotent: true, repeatable: true }),
    harmlessToRepeat: () => next({ repeatable: true }),
    public: () => next({ auth: false }),
    download: () => next({ download: true }),
    returns: (accepts) => ({ ...spec, path: spec.path as Path, accepts }),
  }
}

const declare = <const Path extends string>(method: HttpMethod, path: Path, repeatable: boolean) =>
  builder<Path, unknown>({ method, path, repeatable, auth: true, timeout: 'normal', idempotent: false })

/** A read: repeated after a transient failure. */
export const GET = <const Path extends string>(path: Path) => declare('GET', path, true)
/** A write: not repeated unless declared `idempotencyKey()` or `harmlessToRepeat()`. */
export const POST = <const Path extends string>(path: Path) => declare('POST', path, false)
export const DELETE = <const Path extends string>(path: Path) => declare('DELETE', path, false)
/** A replacement of the whole resource: the same body twice is the same state, so repeated like a read. */
export const PUT = <const Path extends string>(path: Path) => declare('PUT', path, true)
/** A multipart upload of one file in `field`, with the upload timeout; not repeated. */
export const UPLOAD = <const Path extends string>(path: Path, field: string): EndpointBuilder<Path, { file: string }> =>
  builder<Path, { file: string }>({ method: 'POST', path, repeatable: false, auth: true, timeout: 'upload', idempotent: false, file: field })

/** The path with its parameters filled in, each URL-encoded (thread ids hold a colon). */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`)
    return encodeURIComponent(value)
  })
}

/** `?a=1&b=x%20y`, without undefined and empty values; '' when nothing is left. */
export function queryString(query: Query | undefined): string {
  const parts = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}
