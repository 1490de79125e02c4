import type { ServiceInput } from '../../types/api'
import type { BookingQuestion, HouseholdTag, LimitPeriod, OpeningHours, Service, ServiceKind } from '../../types/domain'

/**
 * A service as the editor holds it: numbers as typed (strings), so a half-typed field stays on
 * screen and is refused in the rule's words (validateService) rather than silently turned into 0.
 */
export interface ServiceForm {
  name: string
  kind: ServiceKind | ''
  description: string
  locationKind: 'address' | 'home'
  address: string
  provider: string
  duration: string
  buffer: string
  capacity: string
  eligibility: HouseholdTag[]
  questions: Array<{ id: string; label: string; kind: BookingQuestion['kind']; required: boolean }>
  requiresConfirmation: boolean
  minNotice: string
  maxDaysAhead: string
  limitOn: boolean
  limitCount: string
  limitPeriod: LimitPeriod
  changeCutoff: string
  hours: Array<{ weekday: OpeningHours['weekday']; start: string; end: string }>
  exceptions: Array<{ date: string; kind: 'closed' | 'extra'; start: string; end: string; note: string }>
  status: Service['status']
}

export function blankServiceForm(): ServiceForm {
  return {
    name: '',
    kind: '',
    description: '',
    locationKind: 'address',
    address: '',
    provider: '',
    duration: '30',
    buffer: '0',
    capacity: '1',
    eligibility: [],
    questions: [{ id: 'phone', label: '联系电话', kind: 'phone', required: true }],
    requiresConfirmation: false,
    minNotice: '120',
    maxDaysAhead: '14',
    limitOn: false,
    limitCount: '2',
    limitPeriod: 'week',
    changeCutoff: '60',
    hours: [],
    exceptions: [],
    status: 'published',
  }
}

/** A whole number as typed; anything else is NaN (refused by the validation, never sent as 0). */
function int(text: string): number {
  const t = text.trim()
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN
}

export function formOfService(s: Service): ServiceForm {
  const limit = s.rules.householdLimit
  return {
    name: s.name,
    kind: s.kind,
    description: s.description,
    locationKind: s.location.kind,
    address: s.location.kind === 'address' ? s.location.address : '',
    provider: s.provider,
    duration: String(s.durationMinutes),
    buffer: String(s.bufferMinutes),
    capacity: String(s.capacity),
    eligibility: [...s.eligibility],
    questions: s.questions.map((q) => ({ id: q.id, label: q.label, kind: q.kind, required: q.required })),
    requiresConfirmation: s.requiresConfirmation,
    minNotice: String(s.rules.minNoticeMinutes),
    maxDaysAhead: String(s.rules.maxDaysAhead),
    limitOn: Boolean(limit),
    limitCount: String(limit?.count ?? 2),
    limitPeriod: limit?.period ?? 'week',
    changeCutoff: String(s.rules.changeCutoffMinutes),
    hours: s.hours.map((h) => ({ ...h })),
    exceptions: s.exceptions.map((e) => (e.kind === 'extra' ? { ...e } : { ...e, start: '', end: '' })),
    status: s.status,
  }
}

/**
 * The input to send. Questions keep their `max` when editing (the form does not show it), so an
 * edit never drops a limit staff set elsewhere.
 */
export function inputOfForm(f: ServiceForm, original?: Service): ServiceInput {
  const maxOf = (id: string) => original?.questions.find((q) => q.id === id)?.max
  return {
    name: f.name.trim(),
    kind: f.kind as ServiceKind,
    description: f.description.trim(),
    location: f.locationKind === 'home' ? { kind: 'home' } : { kind: 'address', address: f.address.trim() },
    provider: f.provider.trim(),
    durationMinutes: int(f.duration),
    bufferMinutes: int(f.buffer),
    capacity: int(f.capacity),
    eligibility: [...f.eligibility],
    questions: f.questions.map((q) => {
      const max = q.kind === 'number' ? maxOf(q.id) : undefined
      return { id: q.id, label: q.label.trim(), kind: q.kind, required: q.required, ...(max !== undefined ? { max } : {}) }
    }),
    requiresConfirmation: f.requiresConfirmation,
    rules: {
      minNoticeMinutes: int(f.minNotice),
      maxDaysAhead: int(f.maxDaysAhead),
      changeCutoffMinutes: int(f.changeCutoff),
      ...(f.limitOn ? { householdLimit: { count: int(f.limitCount), period: f.limitPeriod } } : {}),
    },
    hours: f.hours.map((h) => ({ weekday: h.weekday, start: h.start.trim(), end: h.end.trim() })),
    exceptions: f.exceptions.map((e) =>
      e.kind === 'extra'
        ? { date: e.date.trim(), kind: 'extra' as const, start: e.start.trim(), end: e.end.trim(), note: e.note.trim() }
        : { date: e.date.trim(), kind: 'closed' as const, note: e.note.trim() },
    ),
    status: f.status,
  }
}

/** A question id not yet used by the service (q1, q2 …). */
export function nextQuestionId(questions: ServiceForm['questions']): string {
  let n = 1
  while (questions.some((q) => q.id === `q${n}`)) n++
  return `q${n}`
}
