import type { SessionVault } from '../auth'
import type { ArgsOf, Endpoint, ResponseOf } from '../endpoint'

/** One endpoint called through the pipeline: its contract's answer body, or the ApiError it stands for. */
export type Call = <E extends Endpoint>(endpoint: E, ...args: ArgsOf<E>) => Promise<ResponseOf<E>>

/** What a group of the ApiClient port is built from (./client.ts makes one per client). */
export interface HttpContext {
  call: Call
  vault: SessionVault
  offline: () => boolean
  /** The normal timeout class's limit. */
  timeoutMs: number
}
