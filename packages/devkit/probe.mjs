import { installPacked, nodeRelease, packWorkspacePackage } from '@solapi/devkit'

let t = Date.now()
const rel = await Promise.all([22, 24, 26].map(nodeRelease))
console.log(
  rel.map((r) => r.version),
  Date.now() - t,
)
t = Date.now()
const a = await packWorkspacePackage('@solapi/credentials-sandbox')
console.log(a, Date.now() - t)
t = Date.now()
const b = await packWorkspacePackage('@solapi/credentials-sandbox')
console.log(b === a, Date.now() - t)
t = Date.now()
const inst = await installPacked(['@solapi/credentials-spec', '@solapi/credentials-sandbox'], {
  env: rel[2].env,
})
console.log(inst.dir, Date.now() - t)
