import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import './index.css'

export interface EmergencyStopProps {
  name: string
  phone: string
  message: string
  onCall: () => void
  onDismiss: () => void
}

/** Stops the report form for an emergency: calling is the only right action, so it is the big one. */
export function EmergencyStop({ name, phone, message, onCall, onDismiss }: EmergencyStopProps) {
  return (
    <View className='emergency-stop' aria-role='alertdialog' aria-label={`${name}：请立即拨打${phone}`}>
      <View className='emergency-stop__box'>
        <View className='emergency-stop__title'>⚠ {name}：请立即拨打{phone}</View>
        <View className='emergency-stop__text'>{message}</View>
        <View className='emergency-stop__text'>紧急情况不要在这里等待回复，社区无法第一时间到场处置。</View>
        <Button className='emergency-stop__call' type='danger' block size='xlarge' onClick={onCall}>
          立即拨打 {phone}
        </Button>
        <Button className='emergency-stop__dismiss' fill='none' block onClick={onDismiss}>
          我知道了，返回
        </Button>
      </View>
    </View>
  )
}
