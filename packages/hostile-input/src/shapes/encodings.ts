// Bodies in the wrong encoding or labelled wrongly: non-Latin-1 JSON (valid, and unquoted so
// invalid), a UTF-8 BOM, UTF-16 in both byte orders, invalid UTF-8, charset parameters, and
// missing or odd media types. JSON that no parser should take is here too.
import type { Expectation, Shape, ShapeContext } from '../shape.ts'
import { bytes, type Piece, request } from '../wire.ts'

const BOM = Uint8Array.of(0xef, 0xbb, 0xbf)

function body(
  id: string,
  expect: Expectation,
  content: (context: ShapeContext) => Piece,
  contentType: string | null = 'application/json',
  headers: [string, Piece][] = [],
): Shape {
  return {
    id: `encoding.${id}`,
    class: 'encoding',
    expect,
    build: (context) => [
      { write: request(context, { body: content(context), contentType, headers }) },
    ],
  }
}

const fixed = (text: Piece) => () => text
const good = (context: ShapeContext) => context.goodBody
const utf16 = (text: string, order: 'le' | 'be', bom = false) => {
  const le = Buffer.from(text, 'utf16le')
  const encoded = order === 'le' ? le : Buffer.from(le).swap16()
  const mark = order === 'le' ? Uint8Array.of(0xff, 0xfe) : Uint8Array.of(0xfe, 0xff)
  return bom ? bytes(mark, encoded) : encoded
}

/** JSON that is not valid, or not an object: refused by anything that reads it. */
function json(id: string, text: Piece): Shape {
  return { ...body(id, 'refuse', fixed(text)), id: `json.${id}` }
}

export const encodingShapes: Shape[] = [
  body('korean-string', 'refuse', fixed('{"a":"한"}')),
  body('korean-unquoted', 'refuse', fixed('{"a":한}')),
  body('korean-key', 'refuse', fixed('{"한국어":1}')),
  body('emoji-string', 'refuse', fixed('{"a":"😀"}')),
  body('escaped-korean', 'refuse', fixed('{"a":"\\ud55c"}')),
  body('lone-surrogate-escape', 'refuse', fixed('{"a":"\\ud800"}')),
  body('bom-then-good', 'any', (context) => bytes(BOM, context.goodBody)),
  body('bom-only', 'any', fixed(BOM)),
  body(
    'utf16le-good',
    'any',
    (context) => utf16(context.goodBody, 'le'),
    'application/json; charset=utf-16le',
  ),
  body(
    'utf16be-good',
    'any',
    (context) => utf16(context.goodBody, 'be'),
    'application/json; charset=utf-16be',
  ),
  body(
    'utf16le-bom-good',
    'any',
    (context) => utf16(context.goodBody, 'le', true),
    'application/json; charset=utf-16',
  ),
  body('utf16le-unlabelled', 'any', (context) => utf16(context.goodBody, 'le')),
  body(
    'utf16le-korean',
    'refuse',
    () => utf16('{"a":"한"}', 'le'),
    'application/json; charset=utf-16le',
  ),
  body('invalid-utf8', 'refuse', fixed(bytes('{"a":"', Uint8Array.of(0xff), '"}'))),
  body('overlong-utf8', 'refuse', fixed(bytes('{"a":"', Uint8Array.of(0xc0, 0xae), '"}'))),
  body('truncated-utf8', 'refuse', fixed(bytes('{"a":"', Uint8Array.of(0xed, 0x95), '"}'))),
  body('surrogate-utf8', 'refuse', fixed(bytes('{"a":"', Uint8Array.of(0xed, 0xa0, 0x80), '"}'))),
  body('invalid-utf8-key', 'refuse', fixed(bytes('{"', Uint8Array.of(0xfe), '":1}'))),
  body(
    'latin1-labelled',
    'refuse',
    fixed(bytes('{"a":"', Uint8Array.of(0xe9), '"}')),
    'application/json; charset=latin1',
  ),
  body('nul-in-string', 'refuse', fixed(bytes('{"a":"', Uint8Array.of(0), '"}'))),
  body('charset-utf8', 'any', good, 'application/json; charset=utf-8'),
  body('charset-utf8-quoted', 'any', good, 'application/json; charset="utf-8"'),
  body('charset-utf16-on-utf8', 'any', good, 'application/json; charset=utf-16'),
  body('charset-latin1', 'any', good, 'application/json; charset=latin1'),
  body('charset-bogus', 'any', good, 'application/json; charset=bogus'),
  body('charset-empty', 'any', good, 'application/json; charset='),
  body('charset-twice', 'any', good, 'application/json; charset=utf-8; charset=utf-16'),
  body('content-type-missing', 'any', good, null),
  body('content-type-empty', 'any', good, ''),
  body('content-type-text-plain', 'any', good, 'text/plain'),
  body('content-type-form', 'any', fixed('a=1&b=2'), 'application/x-www-form-urlencoded'),
  body(
    'content-type-multipart',
    'any',
    fixed('--x\r\n\r\n{}\r\n--x--'),
    'multipart/form-data; boundary=x',
  ),
  body('content-type-json-suffix', 'any', good, 'application/vnd.hostile+json'),
  body('content-type-upper-case', 'any', good, 'APPLICATION/JSON'),
  body('content-type-garbage', 'any', good, ';;;=;'),
  body('content-type-korean', 'any', good, 'application/한국어'),
  body('content-type-long-parameter', 'any', good, `application/json; x=${'a'.repeat(8000)}`),
  body('content-type-twice', 'any', good, 'application/json', [['Content-Type', 'text/plain']]),
  body('content-encoding-gzip-not-gzipped', 'any', good, 'application/json', [
    ['Content-Encoding', 'gzip'],
  ]),
  body('content-encoding-bogus', 'any', good, 'application/json', [
    ['Content-Encoding', 'hostile'],
  ]),
  json('trailing-garbage', '{}x'),
  json('two-documents', '{}{}'),
  json('null', 'null'),
  json('array', '[]'),
  json('number', '1'),
  json('string', '"x"'),
  json('huge-number', '{"a":1e999999}'),
  json('nan', '{"a":NaN}'),
  json('comment', '{/* hostile */}'),
  json('single-quotes', "{'a':1}"),
  json('duplicate-keys', '{"a":1,"a":2}'),
  json('proto-key', '{"__proto__":{"polluted":1}}'),
  json('constructor-prototype', '{"constructor":{"prototype":{"polluted":1}}}'),
  json('unterminated', '{"a":'),
]
