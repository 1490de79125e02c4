import { Image, Text, View } from '@tarojs/components'
import './index.css'

/** One step as the native `status-timeline` component takes it: formatted, ready to draw. */
export interface TimelineItem {
  id: string
  title: string
  time: string
  actor: string
  note: string
  tone: 'waiting' | 'working' | 'done' | 'stopped' | 'reopened'
  photos: string[]
  current: boolean
}

export interface TimelineProps {
  items: TimelineItem[]
  elder?: boolean
  onEventTap?: (id: string) => void
  onPhotoTap?: (id: string, url: string) => void
}

/**
 * The H5 rendering of the status timeline; on weapp the page uses the hand-written native
 * component in components/native/status-timeline with the same items and events.
 */
export function Timeline({ items, elder, onEventTap, onPhotoTap }: TimelineProps) {
  if (items.length === 0) return <View className='st-empty'>暂无进展</View>
  return (
    <View className={`st-list${elder ? ' st-elder' : ''}`}>
      {items.map((item) => (
        <View
          key={item.id}
          className={`st-item st-tone-${item.tone}${item.current ? ' st-current' : ''}`}
          aria-label={`${item.title} ${item.time}`}
          onClick={() => onEventTap?.(item.id)}
        >
          <View className='st-dot' />
          <View className='st-body'>
            <View className='st-head'>
              <Text className='st-title'>{item.title}</Text>
              <Text className='st-time'>{item.time}</Text>
            </View>
            <View className='st-actor'>{item.actor}</View>
            {item.note && <View className='st-note'>{item.note}</View>}
            {item.photos.length > 0 && (
              <View className='st-photos'>
                {item.photos.map((url) => (
                  <Image
                    key={url.slice(-32)}
                    className='st-photo'
                    src={url}
                    mode='aspectFill'
                    onClick={(e) => {
                      e.stopPropagation()
                      onPhotoTap?.(item.id, url)
                    }}
                  />
                ))}
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
