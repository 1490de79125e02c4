import { View } from '@tarojs/components'
import './index.css'

export interface Option {
  value: string
  label: string
  hint?: string
}

export interface OptionListProps {
  options: readonly Option[]
  selected?: string
  onSelect: (value: string) => void
  name: string
  empty?: string
}

/** A list of radio rows, big enough to tap: whom to assign to, where to transfer, what to merge into. */
export function OptionList({ options, selected, onSelect, name, empty }: OptionListProps) {
  if (options.length === 0 && empty) return <View className='muted option-list__empty'>{empty}</View>
  return (
    <View className='option-list' data-options={name} aria-role='radiogroup'>
      {options.map((o) => {
        const on = o.value === selected
        return (
          <View
            key={o.value}
            className={`option tap-target${on ? ' option--on' : ''}`}
            data-value={o.value}
            aria-role='radio'
            aria-checked={on}
            onClick={() => onSelect(o.value)}
          >
            <View className='option__mark'>{on ? '●' : '○'}</View>
            <View className='grow'>
              <View className='option__label'>{o.label}</View>
              {o.hint && <View className='option__hint'>{o.hint}</View>}
            </View>
          </View>
        )
      })}
    </View>
  )
}
