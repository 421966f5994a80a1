// Where a console goes: in the operation's section, below the request sample of the right-hand
// panel. Redoc renders an operation's section only when it is scrolled or navigated to, and may
// render it again, so each console is kept and (re)attached whenever its section has content.

export interface Placed {
  form: HTMLElement
  operationId: string
  path: string
}

/** Puts every console whose section is rendered, and does not hold it yet, in place. */
export function attachAll(consoles: Placed[]) {
  // Redoc's section of an operation has an id that ends with the operationId in lower case.
  const sections = [...document.querySelectorAll('[data-section-id]')]
  for (const { form, operationId, path } of consoles) {
    const suffix = `/${operationId.toLowerCase()}`
    const section = sections.find((s) => s.getAttribute('data-section-id')?.endsWith(suffix))
    if (!section || section.childElementCount === 0 || section.contains(form)) continue
    const header = [...section.querySelectorAll('[data-component-name="Panel/PanelHeader"]')].find(
      (candidate) => candidate.textContent?.includes(path),
    )
    const panel = header?.closest('[data-component-name="Panel/Panel"]')
    if (panel) panel.after(form)
    else section.append(form)
  }
}
