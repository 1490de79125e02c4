import { View } from '@tarojs/components'

/** A field's message, announced to screen readers when it appears. */
export function FieldError({ message, field }: { message?: string; field: string }) {
  if (!message) return null
  return (
    <View className='field-error' data-field={field} aria-role='alert'>
      {message}
    </View>
  )
}
