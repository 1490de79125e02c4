import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { createRootStore } from './bootstrap'
import { StoreProvider } from './stores/context'
import './app.css'

const root = createRootStore()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void root.start()
  })
  return <StoreProvider store={root}>{children}</StoreProvider>
}

export default App
