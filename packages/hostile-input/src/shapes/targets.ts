// Request lines a URL parser chokes on: malformed targets (`//[/x` is what made a server that
// builds `new URL(path, base)` throw), the other request-target forms, very long and non-ASCII
// targets, NUL and control bytes, and odd methods and versions.
import type { Shape, ShapeContext } from '../shape.ts'
import { bytes, head, type Piece, request } from '../wire.ts'

const LONG = 64 * 1024

/** A GET of `target` with no body; the route's authentication included. */
function get(
  id: string,
  target: (context: ShapeContext) => Piece,
  more: Partial<Shape> = {},
): Shape {
  return {
    id: `target.${id}`,
    class: 'target',
    expect: 'any',
    build: (context) => [{ write: head(context, { method: 'GET', target: target(context) }) }],
    ...more,
  }
}

/** The route's method and good body, sent to `target`. */
function post(
  id: string,
  target: (context: ShapeContext) => Piece,
  more: Partial<Shape> = {},
): Shape {
  return {
    id: `target.${id}`,
    class: 'target',
    expect: 'any',
    build: (context) => [
      { write: request(context, { target: target(context), body: context.goodBody }) },
    ],
    ...more,
  }
}

/** Under the base URL's path (raw target bytes after the prefix). */
const under = (tail: Piece) => (context: ShapeContext) => bytes(context.prefix, tail)
const raw = (target: Piece) => () => target

function method(id: string, name: string, more: Partial<Shape> = {}): Shape {
  return {
    id: `method.${id}`,
    class: 'target',
    expect: 'any',
    build: (context) => [{ write: request(context, { method: name, body: context.goodBody }) }],
    ...more,
  }
}

function version(
  id: string,
  line: (context: ShapeContext) => Piece,
  more: Partial<Shape> = {},
): Shape {
  return {
    id: `version.${id}`,
    class: 'target',
    expect: 'any',
    closeOk: true,
    build: (context) => [{ write: bytes(line(context), `\r\nHost: ${context.host}\r\n\r\n`) }],
    ...more,
  }
}

export const targetShapes: Shape[] = [
  get('double-slash-bracket', under('//[/x')),
  get('double-slash-bad-port', under('//a:99999/x')),
  get('double-slash-at', under('//@/x')),
  get('double-slash-bad-percent', under('//%zz/x')),
  get('double-slash-route', (context) => `/${context.route}`),
  get('bare-double-slash-bracket', raw('//[/x')),
  get('absolute-bracket', raw('http://[/x')),
  get('absolute-bad-port', raw('http://a:99999/x')),
  get('bad-percent', under('/%zz')),
  get('bad-percent-truncated', under('/%')),
  get('bad-percent-one-digit', under('/%a')),
  get('bad-percent-in-query', (context) => `${context.route}?q=%zz`),
  get('asterisk', raw('*')),
  {
    id: 'target.asterisk-options',
    class: 'target',
    expect: 'any',
    build: (context) => [{ write: head(context, { method: 'OPTIONS', target: '*' }) }],
  },
  post('absolute-form', (context) => `http://${context.host}${context.route}`),
  post('absolute-form-other-host', (context) => `http://other.invalid${context.route}`),
  post('absolute-form-https', (context) => `https://${context.host}${context.route}`),
  post('absolute-form-userinfo', (context) => `http://user:pass@${context.host}${context.route}`),
  post('absolute-form-ipv6', (context) => `http://[::1]:1${context.route}`),
  {
    id: 'target.authority-form-connect',
    class: 'target',
    expect: 'any',
    closeOk: true,
    build: (context) => [{ write: head(context, { method: 'CONNECT', target: context.host }) }],
  },
  get('authority-form-get', (context) => context.host),
  get('long-64k', under(`/${'a'.repeat(LONG)}`)),
  get('long-query-64k', (context) => `${context.route}?q=${'a'.repeat(LONG)}`),
  get('long-8k', under(`/${'a'.repeat(8 * 1024)}`)),
  get('many-slashes', under('/'.repeat(4096))),
  get('korean-raw', under('/한국어')),
  get('emoji-raw', under('/😀')),
  post('route-korean-suffix', (context) => `${context.route}/한`),
  post('route-korean-query', (context) => `${context.route}?q=한국어`),
  get('korean-percent-encoded', under('/%ED%95%9C')),
  get('nul-raw', under(bytes('/a', Uint8Array.of(0), 'b'))),
  get('nul-percent-encoded', under('/a%00b')),
  get('control-raw', under(bytes('/a', Uint8Array.of(1), 'b'))),
  get('del-raw', under(bytes('/a', Uint8Array.of(0x7f), 'b'))),
  get('tab-raw', under('/a\tb')),
  get('escape-raw', under(bytes('/a', Uint8Array.of(0x1b), '[31m'))),
  get('control-percent-encoded', under('/%01%1b')),
  get('invalid-utf8-raw', under(bytes('/', Uint8Array.of(0xff, 0xfe)))),
  get('invalid-utf8-percent-encoded', under('/%ff%fe')),
  get('overlong-utf8-percent-encoded', under('/%c0%ae%c0%ae/')),
  get('dot-segments', under('/../../../etc/passwd')),
  get('encoded-dot-segments', under('/%2e%2e/%2e%2e/etc/passwd')),
  get('backslashes', under('/..\\..\\x')),
  get('space-inside', under('/a b')),
  get('no-leading-slash', (context) => context.route.slice(1)),
  get('fragment', (context) => `${context.route}#fragment`),
  post('route-trailing-slash', (context) => `${context.route}/`),
  post('route-upper-case', (context) => context.route.toUpperCase()),
  post('route-encoded-slash', (context) => context.route.replace(/\/([^/]*)$/, '%2F$1')),
  post('route-empty-query', (context) => `${context.route}?`),
  post(
    'route-many-query-params',
    (context) =>
      `${context.route}?${Array.from({ length: 1000 }, (_, index) => `p${index}=${index}`).join('&')}`,
  ),
  post(
    'route-proto-query',
    (context) => `${context.route}?__proto__[x]=1&constructor[prototype][x]=1`,
  ),
  method('unknown', 'FOO'),
  method('lower-case', 'post'),
  method('long-8k', 'A'.repeat(8 * 1024), { closeOk: true }),
  method('trace', 'TRACE'),
  method('get-with-body', 'GET'),
  method('put', 'PUT'),
  method('delete', 'DELETE'),
  method('patch', 'PATCH'),
  {
    id: 'method.head',
    class: 'target',
    expect: 'any',
    bodyless: true,
    build: (context) => [{ write: head(context, { method: 'HEAD' }) }],
  },
  {
    id: 'method.options-preflight-foreign-origin',
    class: 'target',
    expect: 'any',
    build: (context) => [
      {
        write: head(context, {
          method: 'OPTIONS',
          auth: false,
          headers: [
            ['Origin', 'http://evil.invalid'],
            ['Access-Control-Request-Method', 'POST'],
            ['Access-Control-Request-Headers', 'authorization, content-type'],
          ],
        }),
      },
    ],
  },
  version('http-2.0', (context) => `GET ${context.route} HTTP/2.0`),
  version('http-0.9', (context) => `GET ${context.route}`),
  version('http-9.9', (context) => `GET ${context.route} HTTP/9.9`),
  version('lower-case', (context) => `GET ${context.route} http/1.1`),
  version('missing', (context) => `GET ${context.route} `),
  version('junk', (context) => `GET ${context.route} HTTP/1.1 junk`),
  version('empty-target', () => 'GET  HTTP/1.1'),
]
