import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../stores/context'
import { badgeText, MESSAGES_TAB, TAB_ITEMS } from '../ui/tab-bar'
import { unreadCount } from '../ui/tab-badge'
import './index.css'

/**
 * The weapp tab bar (WeChat's custom tab bar: its native one has 10 px labels and 50 px items that
 * cannot grow). Elder mode makes the labels 18 px and every tab 68 px high; normal tabs are 50 px.
 * The tab on screen is the one the page marked (useUnreadBadge → ui.activeTab); the 消息 badge is
 * the unread count from the stores (setTabBarBadge does nothing under a custom tab bar).
 */
function CustomTabBar() {
  const stores = useStores()
  const { ui } = stores
  const unread = badgeText(unreadCount(stores))
  // Highlighted at once: the next tab page's bar is drawn before that page's show marks it.
  const switchTo = (index: number) => {
    const previous = ui.activeTab
    ui.setActiveTab(index)
    Taro.switchTab({ url: TAB_ITEMS[index].url }).catch(() => ui.setActiveTab(previous))
  }
  return (
    <View className={`tab-bar ${ui.elderMode ? 'tab-bar--elder elder' : ''}`} aria-role='tablist'>
      {TAB_ITEMS.map((tab, index) => {
        const selected = index === ui.activeTab
        const badge = index === MESSAGES_TAB ? unread : ''
        return (
          <View
            key={tab.url}
            className={`tab-bar__item ${selected ? 'tab-bar__item--on' : ''}`}
            aria-role='tab'
            aria-selected={selected}
            aria-label={badge ? `${tab.text}，${badge}条未读` : tab.text}
            data-url={tab.url}
            onClick={() => switchTo(index)}
          >
            <View className='tab-bar__icon-box'>
              <Image className='tab-bar__icon' src={selected ? tab.iconOn : tab.icon} mode='aspectFit' />
              {badge && <Text className='tab-bar__badge'>{badge}</Text>}
            </View>
            <Text className='tab-bar__label'>{tab.text}</Text>
          </View>
        )
      })}
    </View>
  )
}

export default observer(CustomTabBar)
