// The command: options in, a run with progress on stderr, the summary on stdout, the reports
// written, and the exit code: 0 every check passed, 1 one failed, 2 a usage error (or nothing
// answers at the URL), 130/143 stopped by SIGINT/SIGTERM (after deleting what it created).
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { BIN } from '../bin-name.js'
import { UsageError } from '../errors.js'
import { resolveOptions } from '../options.js'
import { toJsonReport } from '../report/json.js'
import { toJUnitXml } from '../report/junit.js'
import { createProgress, type ProgressStream } from '../report/progress.js'
import { formatSummary } from '../report/table.js'
import { type ConformanceResult, runConformance } from '../run.js'
import { parseCommandLine, type ReportKind, USAGE } from './args.js'

export interface Io {
  stdout: ProgressStream
  stderr: ProgressStream
  env: Record<string, string | undefined>
  /** Where report paths are relative to. @default process.cwd() */
  cwd?: string
}

const EXIT = { passed: 0, failed: 1, usage: 2, SIGINT: 130, SIGTERM: 143 } as const

function version(): string {
  return createRequire(import.meta.url)('../../package.json').version as string
}

function writeReports(
  result: ConformanceResult,
  reports: Partial<Record<ReportKind, string>>,
  cwd: string,
): void {
  const writers: Record<ReportKind, (r: ConformanceResult) => string> = {
    junit: toJUnitXml,
    json: toJsonReport,
  }
  for (const [kind, file] of Object.entries(reports) as [ReportKind, string][]) {
    const path = resolve(cwd, file)
    try {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, writers[kind](result))
    } catch (error) {
      throw new UsageError(
        '--report',
        `${kind}=${file} cannot be written: ${(error as Error).message}`,
      )
    }
  }
}

export async function main(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const usage = (error: UsageError) => {
    io.stderr.write(`${BIN}: ${error.message}\nRun ${BIN} --help for the options.\n`)
    return EXIT.usage
  }
  let line: ReturnType<typeof parseCommandLine>
  try {
    line = parseCommandLine(argv, io.env)
    if (line.help) {
      io.stdout.write(USAGE)
      return EXIT.passed
    }
    if (line.version) {
      io.stdout.write(`${version()}\n`)
      return EXIT.passed
    }
    resolveOptions(line.options)
  } catch (error) {
    if (error instanceof UsageError) return usage(error)
    throw error
  }

  const controller = new AbortController()
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
    if (stoppedBy) process.exit(EXIT[signal]) // a second signal: quit at once
    stoppedBy = signal
    io.stderr.write(
      `\n${signal}: stopping; the credentials this run created are deleted first (${signal} again quits at once)\n`,
    )
    controller.abort()
  }
  const onInt = () => stop('SIGINT')
  const onTerm = () => stop('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)

  const progress = createProgress(io.stderr)
  try {
    const result = await runConformance(
      { ...line.options, signal: controller.signal },
      { onEvent: (event) => progress.onEvent(event) },
    )
    progress.finish()
    io.stdout.write(formatSummary(result))
    writeReports(result, line.reports, io.cwd ?? process.cwd())
    if (stoppedBy) return EXIT[stoppedBy]
    return result.passed ? EXIT.passed : EXIT.failed
  } catch (error) {
    if (error instanceof UsageError) return usage(error)
    io.stderr.write(`${BIN}: ${(error as Error).message}\n`)
    return stoppedBy ? EXIT[stoppedBy] : EXIT.failed
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
}
