/** Length as a person counts it: one per character, emoji and CJK included (not UTF-16 units). */
export function textLength(value: string): number {
  return Array.from(value).length
}

/** Trim, and fold runs of blank lines, so "   " is treated as empty. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

/** 13800000001 → 138****0001: a phone is never shown in full to other people. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '***'
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/**
 * A number one can dial: its digits, when there are enough of them to be a phone number (the same
 * threshold `maskPhone` shows as `***`); null otherwise. The SQL adapter mirrors it
 * (server/repositories/users.ts `findContact`).
 */
export function dialablePhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, '')
  return digits.length >= 7 ? digits : null
}

/** 王秀兰 → 王**; used where other residents see a reporter's name. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '居民'
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}

/**
 * Plain code-point order (not the locale's): `'B' < 'a'`, `'-' < '0'`, as PostgreSQL's "C"
 * collation sorts. (JavaScript compares UTF-16 units, which is code-point order for everything
 * outside the astral planes — ids and instants are ASCII.) Every order a store answers in breaks
 * ties this way, so the memory and SQL stores agree.
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
