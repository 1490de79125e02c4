import { useDidShow, useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import type { PropsWithChildren } from 'react'
import { createRootStore } from './bootstrap'
import { setElderToasts } from './navigation'
import { StoreProvider } from './stores/context'
import './app.css'
import './ui/h5-dialogs.css'

const root = createRootStore()
// A toast stays longer in elder mode (on weapp and H5 alike).
autorun(() => setElderToasts(root.ui.elderMode))
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  const { installH5Accessibility }: typeof import('./platform/h5-a11y') = require('./platform/h5-a11y')
  installH5Accessibility()
  // Taro's H5 tab bar and navigation bar sit outside the pages: elder mode reaches them through <body>.
  autorun(() => document.body.classList.toggle('linli-elder', root.ui.elderMode))
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void root.start()
  })
  // Back in the foreground: whatever waited in the outbox may go now, and who I am is read again
  // (a role taken away or a household approved meanwhile shows at once).
  useDidShow(() => {
    void root.outbox.flush()
    if (root.session.status === 'signed_in') void root.session.refresh()
  })
  return <StoreProvider store={root}>{children}</StoreProvider>
}

export default App
