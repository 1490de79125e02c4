import { Image, Text, View } from '@tarojs/components'
import './index.css'

export interface PhotoGridProps {
  urls: string[]
  /** Show × on each photo and call back with its index. */
  onRemove?: (index: number) => void
  /** Show the + tile while there is room. */
  onAdd?: () => void
  max?: number
  onPreview?: (index: number) => void
}

export function PhotoGrid({ urls, onRemove, onAdd, max = 9, onPreview }: PhotoGridProps) {
  return (
    <View className='photo-grid'>
      {urls.map((url, index) => (
        <View className='photo-grid__cell' key={`${index}-${url.slice(-24)}`}>
          <Image className='photo-grid__img' src={url} mode='aspectFill' onClick={() => onPreview?.(index)} />
          {onRemove && (
            <View className='photo-grid__remove' aria-role='button' aria-label={`删除第${index + 1}张照片`} onClick={() => onRemove(index)}>
              ×
            </View>
          )}
        </View>
      ))}
      {onAdd && urls.length < max && (
        <View className='photo-grid__cell photo-grid__add' aria-role='button' aria-label={`添加照片 ${urls.length}/${max}`} onClick={onAdd}>
          <Text className='photo-grid__plus'>+</Text>
          <Text className='muted'>
            {urls.length}/{max}
          </Text>
        </View>
      )}
    </View>
  )
}
