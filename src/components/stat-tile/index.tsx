import { View } from '@tarojs/components'
import './index.css'

export interface StatTileProps {
  label: string
  value: string
  hint?: string
  tone?: 'plain' | 'good' | 'bad'
  /** For tests and screen readers. */
  name: string
}

/** One figure of the dashboard, big enough to read at a glance. */
export function StatTile({ label, value, hint, tone = 'plain', name }: StatTileProps) {
  return (
    <View className={`stat-tile stat-tile--${tone}`} data-stat={name} aria-label={`${label} ${value}`}>
      <View className='stat-tile__value'>{value}</View>
      <View className='stat-tile__label'>{label}</View>
      {hint && <View className='stat-tile__hint'>{hint}</View>}
    </View>
  )
}
