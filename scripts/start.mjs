#!/usr/bin/env node
// The main job, after `turbo run build`: lints the spec and reports what was built.
// Servers (mock, docs, sandbox) are added here as their apps land.
console.log('Spec bundled to spec/dist/openapi.{yaml,json}; client types generated.')
