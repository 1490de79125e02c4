import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** "3 小时前" */
export function fromNow(iso: string, now: Date = new Date()): string {
  return dayjs(iso).from(dayjs(now))
}

/** "11月21日 14:30", with the year only when it is not this year. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = dayjs(iso)
  return d.year() === now.getFullYear() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm')
}

/** "还剩 5 小时" / "已超期 2 天" for a deadline. */
export function deadlineText(deadlineAt: string, now: Date = new Date()): string {
  const hours = (Date.parse(deadlineAt) - now.getTime()) / 3_600_000
  const span = Math.abs(hours)
  const text = span >= 48 ? `${Math.floor(span / 24)}天` : span >= 1 ? `${Math.floor(span)}小时` : '不到1小时'
  return hours >= 0 ? `还剩${text}` : `已超期${text}`
}
