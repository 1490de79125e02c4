import { Text } from '@tarojs/components'
import type { ReportStatus } from '../../../types/domain'
import { STATUS_LABEL, STATUS_TONE } from '../../domain/labels'
import './index.css'

export function StatusBadge({ status }: { status: ReportStatus }) {
  return <Text className={`status-badge status-badge--${STATUS_TONE[status]}`}>{STATUS_LABEL[status]}</Text>
}
