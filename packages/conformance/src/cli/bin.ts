#!/usr/bin/env node
// solapi-credentials-conformance: see `--help`, and the README for the checks.
import { main } from './main.js'

process.exitCode = await main(process.argv.slice(2))
