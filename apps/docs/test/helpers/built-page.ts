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
