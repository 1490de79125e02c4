import type { Id } from '../../types/domain'
import { hasRole, type Actor } from './actor'
import { maskName } from './text'

/**
 * What one resident may learn of another (issue 13, point 3; ADR 25). A full phone number never
 * reaches another resident (`maskPhone`, src/domain/text.ts); a room of another household never
 * does either (`maskRoom`); another resident's name reads masked (`maskName`: 王**). The people who
 * serve residents — staff, admins, grid workers, street officers — see them in full. A building
 * leader is a resident: names masked, but the rooms of the buildings they lead are theirs to see
 * (the roll and the acknowledgement sheet, 代报 and 代约 name a room), which the callers decide.
 */

/** Whether `viewer` serves residents and so sees their names and rooms in full. */
export function servesResidents(viewer: Pick<Actor, 'roles'>): boolean {
  return hasRole(viewer, 'staff') || hasRole(viewer, 'admin') || hasRole(viewer, 'grid_worker') || hasRole(viewer, 'street_staff')
}

/** A resident's name as `viewer` reads it: in full for themselves and for those who serve residents, else masked. */
export function residentNameFor(viewer: Pick<Actor, 'id' | 'roles'>, person: { id: Id; name: string }): string {
  return person.id === viewer.id || servesResidents(viewer) ? person.name : maskName(person.name)
}

/**
 * 302 → 3**, 1201 → 12**, A-1502 → A-15**: the floor stays (a hint for a neighbour: 三楼的一户), the
 * door does not. Two characters or fewer: **.
 */
export function maskRoom(room: string): string {
  const chars = Array.from(room.trim())
  if (chars.length <= 2) return '**'
  return `${chars.slice(0, -2).join('')}**`
}
