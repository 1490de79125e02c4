import { View } from '@tarojs/components'
import './index.css'

export interface ProgressBarProps {
  /** How far, 0..1 (clamped). */
  share: number
  /** Read by a screen reader: what the bar shows in words ("已附议 6 / 10 户"). */
  label: string
  /** Colour of the filled part: working (orange), done (green), neutral (grey). */
  tone?: 'work' | 'done' | 'muted'
  /** A mark across the bar at this share (a quorum line), 0..1. */
  mark?: number
  /** `data-bar`, so screens and tests can tell bars apart. */
  name: string
}

/** A horizontal bar: the threshold of a proposal, the progress of a decision, an option's share of the ballots. */
export function ProgressBar({ share, label, tone = 'work', mark, name }: ProgressBarProps) {
  const percent = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0)) * 100
  return (
    <View className='progress-bar' data-bar={name} data-share={percent.toFixed(0)} aria-role='img' aria-label={label}>
      <View className={`progress-bar__fill progress-bar__fill--${tone}`} style={{ width: `${percent}%` }} />
      {mark !== undefined && <View className='progress-bar__mark' style={{ left: `${Math.max(0, Math.min(1, mark)) * 100}%` }} />}
    </View>
  )
}
