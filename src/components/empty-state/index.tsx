import { View } from '@tarojs/components'
import './index.css'

/**
 * A list with nothing in it: a title and, when given, what to do next. Plain views, not NutUI's
 * Empty (ADR 39): the tab pages draw it, and NutUI's carried a picture from a third-party server and
 * 4 KB of the weapp main package for two lines of text.
 */
export function EmptyState({ title, description }: { title: string; description?: string }) {
  return (
    <View className='empty-state'>
      <View className='empty-state__title'>{title}</View>
      {description ? <View className='empty-state__description'>{description}</View> : null}
    </View>
  )
}
