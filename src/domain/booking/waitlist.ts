/** A waitlisted booking's place: (queuedAt, id) — first come, first promoted. */
export interface InLine {
  id: string
  queuedAt?: string
  createdAt: string
}

/** The line in order: earliest queuedAt first (createdAt when never stamped), ties on id in code-point order. */
export function lineOrder<T extends InLine>(waiting: readonly T[]): T[] {
  const at = (b: InLine) => b.queuedAt ?? b.createdAt
  return [...waiting].sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Who is promoted when `freed` seats free up: the first `freed` in line. */
export function toPromote<T extends InLine>(waiting: readonly T[], freed: number): T[] {
  return freed > 0 ? lineOrder(waiting).slice(0, freed) : []
}

/** Seats left of a slot (never below 0: a capacity lowered under its bookings shows 0). */
export function seatsLeft(capacity: number, held: number): number {
  return Math.max(0, capacity - held)
}

/**
 * What a promoted booking's person is told (at most 20 characters, a WeChat message's phrase):
 * a seat to come to, or a place waiting for the community's confirmation.
 */
export function promotionNotice(status: 'pending' | 'confirmed'): string {
  return status === 'pending' ? '候补成功，等待社区确认' : '候补成功，请按时到场'
}
