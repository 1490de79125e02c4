import { Image, Text, View } from '@tarojs/components'
import type { ReportSummary } from '../../../types/domain'
import { isRedo } from '../../domain/inbox'
import { StatusBadge } from '../status-badge'
import './index.css'

export interface InboxRowProps {
  report: ReportSummary
  /** Already formatted: "3小时前" (components hold no clock). */
  when: string
  /** "还剩5小时" / "已超期2天"; empty once the report no longer waits for a fix. */
  deadline: string
  overdue: boolean
  gridName?: string
  onOpen: (id: string) => void
}

/**
 * One report in a handler's inbox: what, where, how urgent. Overdue is red; 督办 is marked; a report
 * being redone because the resident was not satisfied says so (居民不满意).
 */
export function InboxRow({ report, when, deadline, overdue, gridName, onOpen }: InboxRowProps) {
  return (
    <View
      className={`inbox-row card tap-target${overdue ? ' inbox-row--overdue' : ''}`}
      data-id={report.id}
      aria-role='button'
      onClick={() => onOpen(report.id)}
    >
      <View className='row'>
        <Text className='inbox-row__category grow'>{report.categoryName}</Text>
        {isRedo(report) && <Text className='inbox-row__unsatisfied'>居民不满意</Text>}
        {report.escalated && <Text className='inbox-row__escalated'>督办</Text>}
        <StatusBadge status={report.status} />
      </View>
      <View className='row inbox-row__body'>
        <Text className='inbox-row__text grow'>{report.description}</Text>
        {report.thumbnailUrl && <Image className='inbox-row__thumb' src={report.thumbnailUrl} mode='aspectFill' />}
      </View>
      {deadline && (
        <View className={`inbox-row__deadline${overdue ? ' inbox-row__deadline--over' : ''}`}>
          {overdue ? '⚠ ' : ''}
          {deadline}
        </View>
      )}
      <View className='muted'>
        {report.number}
        {gridName ? ` · ${gridName}` : ''} · {when}
        {report.meTooCount > 0 ? ` · ${report.meTooCount}人附议` : ''}
      </View>
    </View>
  )
}
