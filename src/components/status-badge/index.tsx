import { Text } from '@tarojs/components'
import type { ReportStatus } from '../../../types/domain'
import { STATUS_LABEL, STATUS_TONE } from '../../domain/labels'
import './index.css'

/** A status in its tone; `label` replaces the status's usual name where a screen needs another word. */
export function StatusBadge({ status, label }: { status: ReportStatus; label?: string }) {
  return <Text className={`status-badge status-badge--${STATUS_TONE[status]}`}>{label ?? STATUS_LABEL[status]}</Text>
}
