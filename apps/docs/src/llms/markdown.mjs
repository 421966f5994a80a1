// @ts-check
// Small Markdown writers shared by the pages.

/** A table cell: one line, pipes escaped. @param {string} text */
export const cell = (text) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')

/**
 * @param {string[]} head
 * @param {string[][]} rows
 */
export function table(head, rows) {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n')
}

/**
 * A fenced code block whose fence is longer than any run of backticks in the code.
 * @param {string} language
 * @param {string} code
 */
export function fence(language, code) {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length))
  const marks = '`'.repeat(longest + 1)
  return `${marks}${language}\n${code.trimEnd()}\n${marks}`
}

/** @param {unknown} value */
export const json = (value) => fence('json', JSON.stringify(value, null, 2))
