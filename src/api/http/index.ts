/** The HTTP adapter: the ApiClient port over the reference server (docs/adr/0002). */
export { createHttpClient, type HttpClientOptions } from './client'
export { ENDPOINTS } from './endpoints'
export type { Endpoint } from './endpoint'
export { withHeaders, withQuery, type HttpRequest, type HttpResponse, type Middleware, type Next } from './middleware'
export { taroTransport } from './taro-transport'
export type { HttpMethod, Transport, TransportRequest, TransportResponse, TransportUpload, TransportUploadResponse } from './transport'
