import { View } from '@tarojs/components'
import './index.css'

export interface ChipOption {
  value: string
  label: string
}

export interface ChipsProps {
  options: readonly ChipOption[]
  /** Values shown as chosen (one for a single choice, several for a multiple choice). */
  selected: readonly string[]
  onTap: (value: string) => void
  /** `data-chips` on the row, so screens and tests can tell rows apart. */
  name: string
  /** One line that scrolls sideways (filters) instead of wrapping (forms). */
  scroll?: boolean
  multiple?: boolean
}

/** A row of tappable choices; radio or checkbox semantics for screen readers. */
export function Chips({ options, selected, onTap, name, scroll = false, multiple = false }: ChipsProps) {
  return (
    <View className={`chips${scroll ? ' chips--scroll' : ''}`} data-chips={name} aria-role={multiple ? 'group' : 'radiogroup'}>
      {options.map((o) => {
        const on = selected.includes(o.value)
        return (
          <View
            key={o.value}
            className={`chip tap-target${on ? ' chip--on' : ''}`}
            data-value={o.value}
            aria-role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            onClick={() => onTap(o.value)}
          >
            {o.label}
          </View>
        )
      })}
    </View>
  )
}
