// @ts-check
// What the page needs for keyboard and screen-reader users that Redoc does not render itself.
// Redoc renders (and re-renders) sections as a reader moves through the page, so the fixes are
// applied whenever the page changes, not once.

/**
 * Runs in the page. Code blocks that scroll sideways get `tabindex="0"`, so that the keyboard
 * can reach and scroll them, and a name saying what they hold; the sidebar becomes the page's
 * navigation landmark (Redoc renders it as a plain `div`); Redoc's buttons whose `aria-label`
 * hides their visible text (the example picker is named "Example" but shows the example's
 * name) get a name that starts with the label and ends with that text, so that speech input
 * users can say what they see.
 */
export function improveAccessibility() {
  /**
   * "Code (sh) in "Worked example"": the language, then the heading of the Redoc section the
   * block is in (an operation's samples sit in its section's right-hand panel).
   * @param {HTMLElement} block
   */
  const nameOf = (block) => {
    const tagged = block.querySelector('[data-language]')
    const language =
      block.dataset.language ??
      (tagged instanceof HTMLElement ? tagged.dataset.language : undefined) ??
      block.querySelector('code')?.className.match(/language-(\S+)/)?.[1]
    const section = block.closest('[data-section-id]')
    const topic = section?.querySelector('h1, h2, h3, h4, h5')?.textContent?.trim()
    return ['Code', language ? `(${language})` : '', topic ? `in "${topic}"` : '']
      .filter(Boolean)
      .join(' ')
  }

  const apply = () => {
    for (const block of document.querySelectorAll('pre')) {
      if (!(block instanceof HTMLElement)) continue
      const scrolls = block.scrollWidth > block.clientWidth
      if (scrolls && block.dataset.solapiScrollable === undefined) {
        block.dataset.solapiScrollable = ''
        if (block.tabIndex < 0) block.tabIndex = 0
        if (!block.hasAttribute('aria-label') && !block.hasAttribute('aria-labelledby')) {
          // A group, not a region: the page has dozens of these, and landmarks are for the few
          // parts a reader jumps between.
          block.setAttribute('role', 'group')
          block.setAttribute('aria-label', nameOf(block))
        }
      } else if (!scrolls && block.dataset.solapiScrollable !== undefined) {
        block.removeAttribute('tabindex')
        block.removeAttribute('role')
        block.removeAttribute('aria-label')
        delete block.dataset.solapiScrollable
      }
    }
    for (const button of document.querySelectorAll('#redoc button[aria-label]')) {
      const label = button.getAttribute('aria-label') ?? ''
      const text = button.textContent?.trim() ?? ''
      const base = button.getAttribute('data-solapi-label') ?? label
      if (text && !label.toLowerCase().includes(text.toLowerCase())) {
        button.setAttribute('data-solapi-label', base)
        button.setAttribute('aria-label', `${base}: ${text}`)
      }
    }
    const sidebar = document.querySelector('.menu-content')
    if (sidebar && !sidebar.hasAttribute('role')) {
      sidebar.setAttribute('role', 'navigation')
      sidebar.setAttribute('aria-label', 'Contents')
    }
  }

  let scheduled = false
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      apply()
    })
  }
  new MutationObserver(schedule).observe(document.body, {
    childList: true,
    characterData: true,
    subtree: true,
  })
  addEventListener('resize', schedule)
  schedule()
}

/** The page's `<script>` element that runs improveAccessibility. */
export const accessibilityScript = `<script id="solapi-a11y-script">(${improveAccessibility.toString()})()</script>\n`

/**
 * Adds the script at the end of the page's body: before the last `</body>`, since Redoc's
 * inlined bundle has the same text inside its own code.
 * @param {string} html
 */
export function addAccessibility(html) {
  const end = html.lastIndexOf('</body>')
  if (end < 0) throw new Error('the page has no </body>')
  return `${html.slice(0, end)}${accessibilityScript}${html.slice(end)}`
}
