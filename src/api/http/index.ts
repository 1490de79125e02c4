/** The HTTP adapter: the ApiClient port over the reference server (docs/adr/0002). */
export { createHttpClient, type HttpClientOptions } from './client'
export { taroTransport } from './taro-transport'
export type { HttpMethod, Transport, TransportRequest, TransportResponse, TransportUpload, TransportUploadResponse } from './transport'
