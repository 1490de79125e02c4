import type { Actor } from '../../src/domain/actor'
import type { User } from '../../types/domain'

/** Who is asking, and how this caller reaches photo bytes (an absolute URL per photo id). */
export interface Caller {
  user: User
  actor: Actor
  photoUrl(id: string): string
}
