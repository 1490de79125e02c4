import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
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
  // A refused send keeps the writer in the box: it takes the focus when its message shows (the
  // `focus` prop in the mini-program; on H5 the native text area is focused after the render).
  const input = useRef<{ nativeElement?: unknown } | null>(null)
  useEffect(() => {
    if (!error || process.env.TARO_ENV === 'weapp') return
    try {
      // H5: the native <textarea> inside Taro's web component.
      const host = input.current?.nativeElement as HTMLElement | undefined
      const field = host?.querySelector?.('textarea') ?? host
      field?.focus()
    } catch {
      // No focusable field on this platform: the message under the box still says what to do.
    }
  }, [error])
  return (
    <View className='composer' data-composer={name}>
      <TextArea
        ref={input}
        className='composer__input'
        value={value}
        placeholder={placeholder}
        maxLength={-1}
        autoSize
        focus={process.env.TARO_ENV === 'weapp' && Boolean(error)}
        onChange={onChange}
      />
      <FieldError field={name} message={error} />
      <Button className='composer__send' type='primary' block loading={sending} disabled={sending} onClick={onSend}>
        {sendLabel}
      </Button>
    </View>
  )
}
