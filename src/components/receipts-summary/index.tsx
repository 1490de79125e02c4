import { View } from '@tarojs/components'
import './index.css'

export interface ReceiptsSummaryProps {
  read: number
  households: number
  /** Unread households grouped by building: [{ building: '3号楼', rooms: ['101', '302'] }]. */
  unread: Array<{ building: string; rooms: string[] }>
  /** Words, given by the screen. */
  texts: { readOf: (read: number, total: number) => string; allRead: string; unreadTitle: string; noHouseholds: string }
}

/** "已读 X / Y 户", a bar, and the doors still to knock on. */
export function ReceiptsSummary({ read, households, unread, texts }: ReceiptsSummaryProps) {
  const share = households > 0 ? Math.round((read / households) * 100) : 0
  return (
    <View className='receipts'>
      <View className='card'>
        <View className='receipts__count' data-receipts='count'>
          {texts.readOf(read, households)}
        </View>
        <View className='receipts__bar'>
          <View className='receipts__fill' style={{ width: `${share}%` }} />
        </View>
        {households === 0 && <View className='muted'>{texts.noHouseholds}</View>}
        {households > 0 && read === households && <View className='receipts__done'>{texts.allRead}</View>}
      </View>
      {unread.length > 0 && (
        <View className='card'>
          <View className='section-title'>{texts.unreadTitle}</View>
          {unread.map((b) => (
            <View key={b.building} className='receipts__building' data-building={b.building}>
              <View className='receipts__building-name'>
                {b.building}（{b.rooms.length}户）
              </View>
              <View className='receipts__rooms'>
                {b.rooms.map((room) => (
                  <View key={room} className='receipts__room'>
                    {room}
                  </View>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
