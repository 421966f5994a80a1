// The name the CLI is installed under (package.json `bin`). The reports print it too (replay
// commands, the JUnit suite, the JSON report's tool) and import it from here, not from the CLI,
// whose argument parsing needs node:util.
export const BIN = 'solapi-credentials-conformance'
