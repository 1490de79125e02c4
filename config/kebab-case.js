// lodash.kebabcase for NutUI's ConfigProvider on the weapp (ADR 37): it only turns the keys of a
// theme (`nutuiBrandColor`, ASCII) into CSS variable names (`nutui-brand-color`). lodash's own
// carries Unicode word tables and a Latin-1 deburring map (≈3.6 KB of the main package) for that.
// Words: runs of lower case or digits after at most one capital, runs of capitals, runs of digits.
module.exports = function kebabCase(value) {
  const words = String(value ?? '').match(/[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|\d+/g)
  return words ? words.join('-').toLowerCase() : ''
}
