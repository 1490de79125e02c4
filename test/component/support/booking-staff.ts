/**
 * What the staff booking screen tests share: a demo backend whose clock can be set back (to book a
 * slot that has since started), the app signed in on it, and a service open every day (10-minute
 * slots from 00:00), so a slot about to start or just started exists at any hour of a test run.
 */
import { act, waitFor } from '@testing-library/react'
import type { ApiClient } from '../../../src/api/client'
import { MemoryBackend } from '../../../src/api/memory/backend'
import { addDays, beijingDate } from '../../../src/domain/beijing-time'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage, type KeyValueStorage } from '../../../src/platform/storage'
import { RootStore } from '../../../src/stores/root-store'
import type { ServiceInput } from '../../../types/api'
import type { Service, Slot } from '../../../types/domain'
import { recordingClient } from '../../unit/support/memory-world'
import { key } from './booking'

export { key } from './booking'

const roots: RootStore[] = []

export function disposeStaffRoots(): void {
  roots.splice(0).forEach((r) => r.dispose())
}

export function staffWorld() {
  let offsetMs = 0
  const backend = new MemoryBackend({ storage: memoryStorage(), now: () => new Date(Date.now() + offsetMs) })
  const device = () => recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
  return {
    backend,
    /** Run `during` with the backend's clock `ms` earlier (the screens keep the real one). */
    async earlier<T>(ms: number, during: () => Promise<T>): Promise<T> {
      offsetMs = -ms
      try {
        return await during()
      } finally {
        offsetMs = 0
      }
    },
    async app(userId: string, storage: KeyValueStorage = memoryStorage()) {
      const { api, ops, faults } = device()
      const root = new RootStore({ api, storage, network: fakeNetwork(true) })
      roots.push(root)
      await act(async () => {
        await root.session.signInDemo(userId)
      })
      await waitFor(() => expect(root.directory.directory).not.toBeNull())
      return { root, api, ops, faults, storage }
    },
    async client(userId: string): Promise<ApiClient> {
      const { api } = device()
      await api.session.signInDemo(userId)
      return api
    },
  }
}

export const ALL_DAY: ServiceInput = {
  name: '便民理发',
  kind: 'volunteer',
  description: '志愿者每天为居民理发，先到先理。',
  location: { kind: 'address', address: '社区活动中心一楼' },
  provider: '社区志愿服务队',
  durationMinutes: 10,
  bufferMinutes: 0,
  capacity: 2,
  eligibility: [],
  questions: [
    { id: 'purpose', label: '需要什么', kind: 'text', required: true },
    { id: 'phone', label: '联系电话', kind: 'phone', required: true },
  ],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 0, maxDaysAhead: 7, changeCutoffMinutes: 0 },
  hours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
  exceptions: [],
  status: 'published',
}

export const ANSWERS = { purpose: '剪短一点', phone: '13800000009' }

export async function publish(staff: ApiClient, input: Partial<ServiceInput> = {}): Promise<Service> {
  return staff.services.create({ ...ALL_DAY, ...input }, { idempotencyKey: key() })
}

/** The service's slots from yesterday to tomorrow, as `api`'s user sees them. */
export async function slotsAround(api: ApiClient, service: Service): Promise<Slot[]> {
  const today = beijingDate(new Date())
  const days = await api.services.listSlots(service.id, { from: addDays(today, -1), to: addDays(today, 1) })
  return days.flatMap((d) => d.slots)
}

/** The first slot starting in 5 to 100 minutes: open for booking and for check-in. */
export async function soonSlot(api: ApiClient, service: Service): Promise<Slot> {
  const now = Date.now()
  const slot = (await slotsAround(api, service)).find((s) => Date.parse(s.startsAt) > now + 5 * 60_000 && Date.parse(s.startsAt) < now + 100 * 60_000)
  if (!slot) throw new Error('no slot soon')
  return slot
}
