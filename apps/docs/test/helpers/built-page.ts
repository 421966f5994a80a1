import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { appDir } from './app.ts'
import type { Json } from './spec.ts'

export const builtPagePath = join(appDir, 'dist/index.html')

export function builtPage(): string {
  return readFileSync(builtPagePath, 'utf8')
}

/** The API definition the built page hydrates Redoc with (the spec after the docs decorators). */
export function builtDefinition(): Json {
  const match = /const __redoc_definition = (.*);\n/.exec(builtPage())
  if (!match?.[1]) throw new Error('no __redoc_definition in dist/index.html')
  return JSON.parse(match[1])
}

/** The console's elements in a page: its parsed data, its script, and the bytes they all add. */
export function consoleParts(page: string) {
  const element = (pattern: RegExp) => {
    const match = pattern.exec(page)
    if (!match?.[1]) throw new Error(`no ${pattern} in the page`)
    return { whole: match[0], content: match[1] }
  }
  const style = element(/<style id="solapi-try-style">([\s\S]*?)<\/style>\n/)
  const data = element(/<script type="application\/json" id="solapi-try-data">(.*?)<\/script>\n/)
  const config = element(
    /<script type="application\/json" id="solapi-try-config">(.*?)<\/script>\n/,
  )
  const script = element(/<script type="module" id="solapi-try-script">([\s\S]*?)<\/script>\n/)
  const bytes = [style, data, config, script].reduce(
    (sum, part) => sum + Buffer.byteLength(part.whole),
    0,
  )
  return { data: JSON.parse(data.content) as Json, script: script.content, bytes }
}
