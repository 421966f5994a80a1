// @solapi/credentials-cli as a library: run the command line from a program (`main`), and the
// documented exit codes. The bin is `solapi-credentials`.
export { BIN } from './bin-name.js'
export type { CommandSpec, FieldRule } from './command-spec.js'
export { EXIT, type ExitCode } from './exit-codes.js'
export { SPEC_COMMANDS } from './generated/commands.js'
export type { InputStream, Io, OutputStream } from './io.js'
export { main, version } from './main.js'
