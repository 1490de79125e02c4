// Times as residents read them, in the phone's own time zone. Plain Date arithmetic: dayjs, its
// zh-cn locale and its relativeTime plugin were 9 KB of the weapp main package for these three
// functions (ADR 39); `fromNow` gives what `dayjs(iso).from(now)` gives in zh-cn (the unit test
// compares them).

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** `date` moved by whole months, its day of the month clamped to the target month (as dayjs adds months). */
function addMonths(date: Date, months: number): number {
  const moved = new Date(date.getTime())
  moved.setDate(1)
  moved.setMonth(moved.getMonth() + months)
  const days = new Date(moved.getFullYear(), moved.getMonth() + 1, 0).getDate()
  moved.setDate(Math.min(date.getDate(), days))
  return moved.getTime()
}

/** Months from `b` to `a`, with the fraction (moment's and dayjs's monthDiff: a − b). */
function monthsBetween(a: Date, b: Date): number {
  if (a.getDate() < b.getDate()) return -monthsBetween(b, a)
  const whole = (b.getFullYear() - a.getFullYear()) * 12 + (b.getMonth() - a.getMonth())
  const anchor = addMonths(a, whole)
  const before = b.getTime() - anchor < 0
  const anchor2 = addMonths(a, whole + (before ? -1 : 1))
  return +(-(whole + (b.getTime() - anchor) / (before ? anchor - anchor2 : anchor2 - anchor)) || 0)
}

// dayjs's relativeTime thresholds and zh-cn's words: [words, largest rounded value, unit of the diff].
const STEPS: ReadonlyArray<readonly [string, number, ((a: Date, b: Date) => number)?]> = [
  ['几秒', 44, (a, b) => (a.getTime() - b.getTime()) / SECOND],
  ['1 分钟', 89],
  ['%d 分钟', 44, (a, b) => (a.getTime() - b.getTime()) / MINUTE],
  ['1 小时', 89],
  ['%d 小时', 21, (a, b) => (a.getTime() - b.getTime()) / HOUR],
  ['1 天', 35],
  ['%d 天', 25, (a, b) => (a.getTime() - b.getTime() - (a.getTimezoneOffset() - b.getTimezoneOffset()) * MINUTE) / DAY],
  ['1 个月', 45],
  ['%d 个月', 10, monthsBetween],
  ['1 年', 17],
  ['%d 年', Infinity, (a, b) => monthsBetween(a, b) / 12],
]

/** "3 小时前" */
export function fromNow(iso: string, now: Date = new Date()): string {
  const at = new Date(iso)
  let result = 0
  for (let i = 0; i < STEPS.length; i += 1) {
    const diff = STEPS[i][2]
    if (diff) result = diff(at, now)
    const rounded = Math.round(Math.abs(result))
    if (rounded <= STEPS[i][1]) {
      const words = STEPS[rounded <= 1 && i > 0 ? i - 1 : i][0].replace('%d', String(rounded))
      return result > 0 ? `${words}内` : `${words}前`
    }
  }
  return ''
}

const two = (n: number): string => String(n).padStart(2, '0')

/** "11月21日 14:30", with the year only when it is not this year. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso)
  const day = `${d.getMonth() + 1}月${d.getDate()}日 ${two(d.getHours())}:${two(d.getMinutes())}`
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}年${day}`
}

/** "还剩 5 小时" / "已超期 2 天" for a deadline. */
export function deadlineText(deadlineAt: string, now: Date = new Date()): string {
  const hours = (Date.parse(deadlineAt) - now.getTime()) / 3_600_000
  const span = Math.abs(hours)
  const text = span >= 48 ? `${Math.floor(span / 24)}天` : span >= 1 ? `${Math.floor(span)}小时` : '不到1小时'
  return hours >= 0 ? `还剩${text}` : `已超期${text}`
}
