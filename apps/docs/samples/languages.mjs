// @ts-check
// The languages of the code-sample tabs, in tab order: Redoc's `lang` and tab label, the file
// extension a sample is saved with, and the template that writes it.
import { curlSample } from './curl.mjs'
import { pythonSample } from './python.mjs'
import { typescriptSample } from './typescript.mjs'

export const SAMPLE_LANGUAGES = [
  { extension: 'sh', lang: 'Shell', label: 'curl', template: curlSample },
  { extension: 'ts', lang: 'TypeScript', label: 'TypeScript', template: typescriptSample },
  { extension: 'py', lang: 'Python', label: 'Python', template: pythonSample },
]
