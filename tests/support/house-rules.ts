// The house rules of CONTRIBUTING.md ("Working in the repo") that a scan of the repo's files can
// check. Each rule says which files it applies to and what in them breaks it; a file on a rule's
// allow-list (with the reason it may) is not a violation, and an allow-list entry that no longer
// matches anything is reported too, so that the list stays true.

export interface SourceFile {
  /** Relative to the repo root, with forward slashes. */
  path: string
  text: string
}

export interface Allowance {
  file: string
  reason: string
}

export interface Rule {
  name: string
  applies: (path: string) => boolean
  /** What in the file breaks the rule: one entry per offending line (or problem). */
  find: (file: SourceFile) => string[]
}

export interface Violation {
  file: string
  found: string
}

export interface RuleReport {
  violations: Violation[]
  /** Allow-list entries whose file is gone or no longer does what they excuse. */
  unused: string[]
}

const CODE = /\.(?:[cm]?[jt]s|tsx|jsx)$/
const CONFIG = /\.(?:ya?ml|json)$/

/** The lines of a file that are not comments (whole-line `//`, `/*`, `*` and `#` comments). */
function codeLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^(?:\/\/|\/\*|\*|#)/.test(line))
}

const linesMatching = (pattern: RegExp) => (file: SourceFile) =>
  codeLines(file.text).filter((line) => pattern.test(line))

const isTestFile = (path: string) =>
  /(?:^|\/)tests?\//.test(path) || /\.(?:test|spec|bench)(?:-d)?\.[cm]?[jt]sx?$/.test(path)

/**
 * The spec package is the one reader of the spec files: outside spec/, nothing names one of
 * them, neither by a path into spec/ nor by a file the spec package exports
 * (`@solapi/credentials-spec/openapi.yaml` and the like); code reads the contract through the
 * package's module instead.
 */
export const specFilesRule: Rule = {
  name: 'no module outside spec/ reads the spec files by path',
  applies: (path) =>
    !path.startsWith('spec/') &&
    (CODE.test(path) || CONFIG.test(path)) &&
    path !== 'pnpm-lock.yaml',
  find: linesMatching(
    /@solapi\/credentials-spec\/(?!package\.json)|(?:^|[^\w.-])spec\/(?:openapi\.ya?ml|dist\/|paths\/|components\/|baseline\/|seed\/)/,
  ),
}

/**
 * No module outside spec/ builds a JSON Schema validator: the spec package's `validator()` is the
 * one Ajv over the spec. A validator of a schema that is not the spec is allow-listed.
 */
export const schemaValidatorRule: Rule = {
  name: 'no module outside spec/ builds an Ajv over the spec',
  applies: (path) => !path.startsWith('spec/') && CODE.test(path),
  find: linesMatching(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"](?:ajv(?:-formats)?|jsonschema|@cfworker\/json-schema|@hyperjump\/json-schema)(?:\/[^'"]*)?['"]/,
  ),
}

/**
 * Tests start servers and processes only through @solapi/devkit (process groups, free ports,
 * cleanup): outside packages/devkit, no test file spawns a process itself. A one-shot command
 * that runs to its end (npm pack, git ls-files) is allow-listed.
 */
export const processRule: Rule = {
  name: 'tests start servers only through @solapi/devkit',
  applies: (path) => !path.startsWith('packages/devkit/') && CODE.test(path) && isTestFile(path),
  find: linesMatching(
    /\bchild_process\b|['"](?:execa|cross-spawn|zx|tinyexec|nano-spawn)['"]|\bBun\.spawn(?:Sync)?\b|\bDeno\.Command\b/,
  ),
}

/** What a generated file says at its start, in its own words or its generator's. */
const DO_NOT_EDIT = /do not (?:edit|make direct changes)/i
/** How far into a file the marker must be. */
const MARKER_WITHIN = 400

/** Every file under a `generated/` folder carries a "do not edit" marker at its start. */
export const generatedMarkerRule: Rule = {
  name: 'generated files carry a do-not-edit marker',
  applies: (path) => /(?:^|\/)generated\//.test(path),
  find: (file) =>
    DO_NOT_EDIT.test(file.text.slice(0, MARKER_WITHIN))
      ? []
      : [`no "do not edit" in its first ${MARKER_WITHIN} characters`],
}

export function checkRule(
  rule: Rule,
  files: readonly SourceFile[],
  allowed: readonly Allowance[] = [],
): RuleReport {
  const violations: Violation[] = []
  const used = new Set<string>()
  for (const file of files) {
    if (!rule.applies(file.path)) continue
    const found = rule.find(file)
    if (!found.length) continue
    if (allowed.some((a) => a.file === file.path)) {
      used.add(file.path)
      continue
    }
    for (const line of found) violations.push({ file: file.path, found: line })
  }
  const unused = allowed.filter((a) => !used.has(a.file)).map((a) => a.file)
  return { violations, unused }
}

/**
 * The generated folders (each path up to its `generated` segment) that the regenerate-and-diff
 * gate does not list: a stale copy in one of them would pass unseen.
 */
export function unguardedGeneratedFolders(
  files: readonly SourceFile[],
  gateFolders: readonly string[],
): string[] {
  const folders = new Set<string>()
  for (const { path } of files) {
    const match = /^(.*?(?:^|\/)generated)\//.exec(path)
    if (match?.[1]) folders.add(match[1])
  }
  return [...folders]
    .filter((folder) => !gateFolders.some((g) => folder === g || folder.startsWith(`${g}/`)))
    .sort()
}

/** The folders listed in `const GENERATED = [...]` of scripts/check-generated.mjs. */
export function gateFoldersOf(script: string): string[] {
  const list = /const GENERATED = \[([^\]]*)\]/.exec(script)?.[1]
  if (list === undefined) throw new Error('scripts/check-generated.mjs has no GENERATED list')
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] as string)
}
