import type { ServiceRecord, ServiceRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { copy, defined, instant, type ServiceRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's ServiceRepository (issue 12): a community's bookable services. */

/** A service as kept: exactly the record's fields (no asking resident's eligibility), instants normalised. */
export const serviceRow = (s: ServiceRecord): ServiceRow =>
  defined({
    id: s.id,
    communityId: s.communityId,
    name: s.name,
    kind: s.kind,
    description: s.description,
    location: s.location.kind === 'home' ? { kind: 'home' as const } : { kind: 'address' as const, address: s.location.address },
    provider: s.provider,
    durationMinutes: s.durationMinutes,
    bufferMinutes: s.bufferMinutes,
    capacity: s.capacity,
    eligibility: [...s.eligibility],
    questions: copy(s.questions),
    requiresConfirmation: s.requiresConfirmation,
    rules: copy(s.rules),
    hours: copy(s.hours),
    exceptions: copy(s.exceptions),
    status: s.status,
    updatedAt: instant(s.updatedAt),
    createdAt: instant(s.createdAt),
    createdById: s.createdById,
  })

const byName = (a: ServiceRow, b: ServiceRow) => compareText(a.name, b.name) || compareText(a.id, b.id)

export function serviceRepository(t: Tables, run: Run): ServiceRepository {
  return {
    insert: (service) =>
      run(() => {
        mustExist(t.communities, service.communityId)
        mustExist(t.users, service.createdById)
        t.services.insert(serviceRow(service))
      }),
    update: (service) =>
      run(() => {
        const s = t.services.get(service.id)
        if (!s) return
        // Who made it, where and when stay as first stored.
        t.services.replace(serviceRow({ ...service, communityId: s.communityId, createdAt: s.createdAt, createdById: s.createdById }))
      }),
    find: (id) =>
      run(() => {
        const s = t.services.get(id)
        return s ? copy(s) : null
      }),
    list: (communityId, statuses) =>
      run(() =>
        t.services
          .rows()
          // Absent: any status; [] matches none (one of no statuses).
          .filter((s) => s.communityId === communityId && (statuses === undefined || statuses.includes(s.status)))
          .slice()
          .sort(byName)
          .map(copy),
      ),
  }
}
