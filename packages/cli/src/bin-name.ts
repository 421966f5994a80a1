// The name the CLI is installed under (package.json `bin`); help texts and hints print it.
export const BIN = 'solapi-credentials'
