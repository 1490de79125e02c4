import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { FieldError } from '../field-error'
import './index.css'

export interface ComposerProps {
  value: string
  onChange: (value: string) => void
  onSend: () => void
  sending: boolean
  placeholder: string
  sendLabel: string
  error?: string
  /** Marks the field in tests and the error under it. */
  name: string
}

/** Write and send a message. */
export function Composer({ value, onChange, onSend, sending, placeholder, sendLabel, error, name }: ComposerProps) {
  return (
    <View className='composer' data-composer={name}>
      <TextArea className='composer__input' value={value} placeholder={placeholder} maxLength={-1} autoSize onChange={onChange} />
      <FieldError field={name} message={error} />
      <Button className='composer__send' type='primary' block loading={sending} disabled={sending} onClick={onSend}>
        {sendLabel}
      </Button>
    </View>
  )
}
