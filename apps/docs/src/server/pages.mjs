// @ts-check
// The built pages (the HTML files at the top of dist/), read once at startup and served from
// memory with the Content-Security-Policy made from their own bytes: a page rebuilt while the
// server runs cannot be served with the hashes of the old one.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pageContentSecurityPolicy } from './page-security.mjs'

/**
 * @typedef {object} Page
 * @property {string} body
 * @property {string} contentSecurityPolicy
 * @property {string} etag
 * @property {string} cacheControl
 */

/**
 * The pages by the paths they answer: `/name.html` and `/name`, and `/` for index.html.
 * @param {string} root
 * @param {(name: string, html: string) => { html: string, cacheControl?: string }} [prepare]
 *   what to serve for a file (by default the file as it is)
 * @param {Parameters<typeof pageContentSecurityPolicy>[1]} [policy] what the pages' policy
 *   allows besides what they hold
 * @returns {Map<string, Page>}
 */
export function loadPages(root, prepare = (_name, html) => ({ html }), policy = {}) {
  /** @type {Map<string, Page>} */
  const pages = new Map()
  const files = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => entry.name)
  for (const name of files) {
    const { html, cacheControl = 'no-cache' } = prepare(
      name,
      readFileSync(join(root, name), 'utf8'),
    )
    const page = {
      body: html,
      contentSecurityPolicy: pageContentSecurityPolicy(html, policy),
      etag: `"${createHash('sha256').update(html).digest('base64url')}"`,
      cacheControl,
    }
    const stem = name.slice(0, -'.html'.length)
    pages.set(`/${name}`, page).set(`/${stem}`, page)
    if (name === 'index.html') pages.set('/', page)
  }
  return pages
}
