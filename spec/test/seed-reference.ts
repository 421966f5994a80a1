import { readFileSync } from 'node:fs'

/** One operation's samples, as printed in the original (Korean) reference. */
export interface SeedSection {
  operationId: string
  /** The "Response Sample" JSON block, verbatim. */
  responseSampleText: string
  /** The body of the JavaScript request sample (`json: {...}`), verbatim, if it has one. */
  requestSampleText: string | undefined
}

const seedText = readFileSync(
  new URL('../seed/credentials-reference.ko.md', import.meta.url),
  'utf8',
)

function codeBlockAfter(section: string, marker: string): string | undefined {
  const start = section.indexOf(marker)
  if (start < 0) return undefined
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(section.slice(start))
  return match?.[1]
}

export function seedSections(): SeedSection[] {
  return seedText
    .split(/\n## /)
    .slice(1)
    .map((section) => {
      const operationId = /POST https:\/\/solapi\.com\/credentials\/(\w+)/.exec(section)?.[1]
      const responseSampleText = codeBlockAfter(section, '> Response Sample')
      if (!operationId || !responseSampleText) {
        throw new Error(`Seed section "${section.slice(0, 30)}" has no operation or sample`)
      }
      const jsSample = codeBlockAfter(section, '```javascript')
      const requestSampleText = jsSample
        ? /json: (\{[\s\S]*?\n {2}\})/.exec(jsSample)?.[1]
        : undefined
      return { operationId, responseSampleText, requestSampleText }
    })
}

/** The one fix ERRATA.md applies to the seed's JSON: trailing commas removed. */
export function withoutTrailingCommas(text: string): string {
  return text.replace(/,(\s*[}\]])/g, '$1')
}
