import { TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { textLength } from '../../domain/text'
import { FieldError } from '../field-error'
import './index.css'

export interface DescriptionFieldProps {
  /** On the text area, for the screen's layout and for tests (`report-form__description`). */
  className: string
  value: string
  placeholder: string
  /** The most characters allowed: the counter turns red past it. */
  max: number
  /** The field's message, under the counter. */
  error?: string
  onChange: (value: string) => void
  onBlur?: () => void
}

/**
 * A report's description: a text area that grows with the text, how many characters are used of how
 * many (counted as the rules count them, spaces at either end left out), and the field's message.
 */
export function DescriptionField({ className, value, placeholder, max, error, onChange, onBlur }: DescriptionFieldProps) {
  const length = textLength(value.trim())
  return (
    <>
      <TextArea
        className={`description-field ${className}`}
        value={value}
        placeholder={placeholder}
        maxLength={-1}
        autoSize
        onChange={onChange}
        onBlur={onBlur}
      />
      <View className={`description-field__count${length > max ? ' description-field__count--over' : ''}`}>
        {length}/{max}
      </View>
      <FieldError field='description' message={error} />
    </>
  )
}
