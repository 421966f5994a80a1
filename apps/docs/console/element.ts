// A DOM element in one call: its properties, then its attributes (ARIA and the like).

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  return node
}
