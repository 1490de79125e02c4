import { View } from '@tarojs/components'
import './index.css'

export interface Option {
  value: string
  label: string
  hint?: string
}

export interface OptionListProps {
  options: readonly Option[]
  /** The chosen value; with `multiple`, the chosen values. */
  selected?: string | readonly string[]
  onSelect: (value: string) => void
  name: string
  empty?: string
  /** Checkbox rows, any number chosen (a tap turns one on or off), instead of radio rows. */
  multiple?: boolean
  /** The group's accessible name (the question it answers). */
  label?: string
}

/** A list of radio rows, big enough to tap: whom to assign to, where to transfer, what to merge into. */
export function OptionList({ options, selected, onSelect, name, empty, multiple = false, label }: OptionListProps) {
  if (options.length === 0 && empty) return <View className='muted option-list__empty'>{empty}</View>
  const chosen = (value: string) => (Array.isArray(selected) ? selected.includes(value) : value === selected)
  return (
    <View className='option-list' data-options={name} aria-role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {options.map((o) => {
        const on = chosen(o.value)
        return (
          <View
            key={o.value}
            className={`option tap-target${on ? ' option--on' : ''}`}
            data-value={o.value}
            aria-role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            onClick={() => onSelect(o.value)}
          >
            <View className='option__mark'>{multiple ? (on ? '☑' : '☐') : on ? '●' : '○'}</View>
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
