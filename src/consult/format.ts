import dayjs from 'dayjs'
import type { Convention } from '../../types/domain'
import { CONVENTION_KIND_LABEL } from '../domain/consultation/conventions'
import { C } from './texts'

/** "2026年11月21日": the day only (effective dates, versions). */
export function dayOf(iso: string): string {
  return dayjs(iso).format('YYYY年M月D日')
}

/** "YYYY-MM-DD" of a day, for the date picker. */
export function pickerDay(date: Date): string {
  return dayjs(date).format('YYYY-MM-DD')
}

/** A picked day ("YYYY-MM-DD") as the instant it starts, local time; today: now. */
export function startOfPickedDay(day: string, now: Date = new Date()): string {
  if (day === pickerDay(now)) return now.toISOString()
  return dayjs(day, 'YYYY-MM-DD').startOf('day').toDate().toISOString()
}

/** 社区公约 · 第2版 · 2026年11月21日起施行. */
export function conventionMeta(c: Convention): string {
  const parts = [CONVENTION_KIND_LABEL[c.kind]]
  if (c.inForce) {
    parts.push(C.versionOf(c.inForce.version))
    if (c.inForce.effectiveFrom) parts.push(C.effective(dayOf(c.inForce.effectiveFrom)))
  } else parts.push(C.notInForce)
  return parts.join(' · ')
}
