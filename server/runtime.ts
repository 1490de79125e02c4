import type { Runtime } from '../src/core/context'
import { hashToken, newToken, randomId } from './ids'

/** The core's runtime on the server: the given clock, cryptographic ids and tokens. */
export function serverRuntime(now: () => Date = () => new Date()): Runtime {
  return { now, newId: randomId, newToken, hashToken }
}
