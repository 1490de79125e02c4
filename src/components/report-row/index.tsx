import { Image, Text, View } from '@tarojs/components'
import type { ReportSummary } from '../../../types/domain'
import { StatusBadge } from '../status-badge'
import './index.css'

export interface ReportRowProps {
  report: ReportSummary
  /** Already formatted ("3 小时前"): components hold no clock. */
  when: string
  overdue?: boolean
  onOpen: (id: string) => void
}

export function ReportRow({ report, when, overdue, onOpen }: ReportRowProps) {
  return (
    <View className='report-row card tap-target' data-id={report.id} onClick={() => onOpen(report.id)} aria-role='button'>
      <View className='row'>
        <Text className='report-row__category grow'>{report.categoryName}</Text>
        {overdue && <Text className='report-row__overdue'>已超期</Text>}
        <StatusBadge status={report.status} />
      </View>
      <View className='row report-row__body'>
        <Text className='report-row__text grow'>{report.description}</Text>
        {report.thumbnailUrl && <Image className='report-row__thumb' src={report.thumbnailUrl} mode='aspectFill' />}
      </View>
      <View className='muted'>
        {report.number} · {when}
        {report.photoCount > 0 ? ` · ${report.photoCount}张照片` : ''}
      </View>
    </View>
  )
}
