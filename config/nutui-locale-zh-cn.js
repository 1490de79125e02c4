/**
 * NutUI's zh-CN texts as the weapp build ships them (ADR 39): the one text the NutUI components the
 * app imports read (TextArea's default placeholder; Button and Switch read none). NutUI's own file
 * holds the texts of all its components (4 KB before minification, in the main package through
 * ConfigProvider's default locale). `test/unit/tooling/nutui-locale.test.ts` fails when a component
 * the app imports reads another text, or when NutUI's wording of this one changes.
 */
export default {
  placeholder: '请输入内容',
}
