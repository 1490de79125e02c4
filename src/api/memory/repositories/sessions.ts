import type { SessionRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { instant, toUser } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's SessionRepository: sessions by the hash of their token. */

export function sessionRepository(t: Tables, run: Run): SessionRepository {
  return {
    insert: (session) =>
      run(() => {
        mustExist(t.users, session.userId)
        t.sessions.insert({
          tokenHash: session.tokenHash,
          userId: session.userId,
          createdAt: instant(session.createdAt),
          expiresAt: instant(session.expiresAt),
        })
      }),
    find: (tokenHash, now) =>
      run(() => {
        const s = t.sessions.get(tokenHash)
        const user = s && compareText(s.expiresAt, instant(now)) > 0 ? t.users.get(s.userId) : undefined
        return s && user ? { user: toUser(user), expiresAt: s.expiresAt } : null
      }),
    delete: (tokenHash) =>
      run(() => {
        t.sessions.remove(tokenHash)
      }),
    deleteExpired: (now) =>
      run(() => {
        const at = instant(now)
        t.sessions.removeWhere((s) => compareText(s.expiresAt, at) <= 0)
      }),
    deleteForUser: (userId) =>
      run(() => {
        t.sessions.removeWhere((s) => s.userId === userId)
      }),
  }
}
