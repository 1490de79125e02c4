import { View } from '@tarojs/components'
import './index.css'

export interface Bar {
  key: string
  /** Under the bar (shown for a few bars only, so labels do not collide). */
  label: string
  value: number
  /** A second, darker figure drawn inside the bar (e.g. resolved among received). */
  inner?: number
}

export interface BarChartProps {
  bars: Bar[]
  /** Indexes whose label is shown. */
  labelAt: number[]
  legend: { value: string; inner?: string }
  /** Read out to screen readers, and shown when every value is 0. */
  summary: string
}

/** A plain column chart drawn with Views: no chart library, nothing to load. */
export function BarChart({ bars, labelAt, legend, summary }: BarChartProps) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.inner ?? 0)))
  const empty = bars.every((b) => b.value === 0 && !b.inner)
  return (
    <View className='bar-chart' aria-label={summary}>
      <View className='bar-chart__legend row'>
        <View className='bar-chart__key bar-chart__key--value' />
        <View className='bar-chart__legend-text'>{legend.value}</View>
        {legend.inner && <View className='bar-chart__key bar-chart__key--inner' />}
        {legend.inner && <View className='bar-chart__legend-text'>{legend.inner}</View>}
        <View className='grow' />
        <View className='bar-chart__max'>最高 {max}</View>
      </View>
      <View className='bar-chart__plot'>
        {bars.map((b) => (
          <View key={b.key} className='bar-chart__col' data-day={b.key} data-value={b.value}>
            <View className='bar-chart__bar' style={{ height: `${(b.value / max) * 100}%` }} />
            {b.inner ? <View className='bar-chart__inner' style={{ height: `${(b.inner / max) * 100}%` }} /> : null}
          </View>
        ))}
      </View>
      <View className='bar-chart__axis'>
        {bars.map((b, i) => (
          <View key={b.key} className='bar-chart__tick'>
            {labelAt.includes(i) ? b.label : ''}
          </View>
        ))}
      </View>
      {empty && <View className='muted bar-chart__empty'>{summary}</View>}
    </View>
  )
}
