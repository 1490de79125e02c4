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
    // H5: the native <textarea> inside Taro's web component, which draws it a moment after
    // mounting: try again for a little while if it is not there yet.
    let tries = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const focusField = () => {
      try {
        const host = input.current?.nativeElement as HTMLElement | undefined
        const field = host?.querySelector?.('textarea')
        if (field) field.focus()
        else if (++tries < 20) timer = setTimeout(focusField, 50)
      } catch {
        // No focusable field on this platform: the message under the box still says what to do.
      }
    }
    focusField()
    return () => clearTimeout(timer)
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
