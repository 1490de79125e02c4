import { View } from '@tarojs/components'
import { Screen } from '../../ui/screen'

// Placeholder while the screen is written.
export default function Page() {
  return (
    <Screen requireSignIn>
      <View className='card muted'>社区设置</View>
    </Screen>
  )
}
