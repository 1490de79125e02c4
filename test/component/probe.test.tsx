import { render, screen } from '@testing-library/react'
import { Button, TextArea, Switch } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'

test('probe', async () => {
  const { container } = render(<View><TextArea value='ab' onChange={() => undefined} /><Input value='x' onInput={(e) => console.log('input', e.detail)} /><Button>提交</Button><Switch checked={false} /></View>)
  await new Promise((r) => setTimeout(r, 50))
  screen.debug(undefined, 100000)
  console.log(container.innerHTML)
})
