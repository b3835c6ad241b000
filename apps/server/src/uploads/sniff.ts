import { FILE_KINDS, type FileKind } from './kinds.js';

/** How many leading bytes {@link sniffKind} looks at (a text file is checked over this many). */
export const SNIFF_BYTES = 4096;

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** Whether `bytes` holds `signature` at `offset`. */
function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/**
 * Signatures of programs: Windows/DOS (`MZ`), ELF, Mach-O (32/64-bit, either byte order, and
 * universal binaries), and scripts (`#!`). Content starting with one is never any kind, even
 * when it would also pass as text.
 */
const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  ascii('MZ'),
  [0x7f, ...ascii('ELF')],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  ascii('#!'),
];

/** The binary kinds and how each one's content starts. */
const MAGIC: readonly { kind: FileKind; test: (bytes: Uint8Array) => boolean }[] = [
  { kind: 'pdf', test: (b) => startsWith(b, ascii('%PDF-')) },
  { kind: 'png', test: (b) => startsWith(b, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a]) },
  { kind: 'jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { kind: 'gif', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { kind: 'webp', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
];

/**
 * Whether `head` is UTF-8 text: valid UTF-8 (a sequence cut by the end of `head` is allowed when
 * the file goes on), no NUL and no control character other than tab, line feed, form feed and
 * carriage return (C1 controls and DEL included).
 */
function isText(head: Uint8Array, complete: boolean): boolean {
  let text: string;
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    text = decoder.decode(head, { stream: !complete });
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/.test(text);
}

/**
 * The kind of a file, told by its first bytes alone (the name and type the client declared play
 * no part): `%PDF-`, the PNG signature, `FF D8 FF` (JPEG), `GIF87a`/`GIF89a`, `RIFF....WEBP`, else
 * text when the first {@link SNIFF_BYTES} bytes are UTF-8 without control characters other than
 * tab, line feed, form feed and carriage return. An executable (`MZ`, ELF, Mach-O, `#!`), an empty
 * file and anything else is `null`. Pass at least the first {@link SNIFF_BYTES} bytes (or the whole
 * file when shorter) and say whether that is the whole file (`complete`: a multi-byte character
 * cut at the end of a partial head is not held against it).
 *
 * @example
 * ```ts
 * sniffKind(new TextEncoder().encode('%PDF-1.7\n'), true); // 'pdf'
 * sniffKind(new TextEncoder().encode('MZ\x90\x00'), true); // null
 * ```
 */
export function sniffKind(head: Uint8Array, complete: boolean): FileKind | null {
  if (head.length === 0) return null;
  if (EXECUTABLE_SIGNATURES.some((signature) => startsWith(head, signature))) return null;
  const binary = MAGIC.find((m) => m.test(head));
  if (binary) return binary.kind;
  const window = head.subarray(0, SNIFF_BYTES);
  return isText(window, complete && head.length <= SNIFF_BYTES) ? 'txt' : null;
}

/**
 * Whether `kind` is one of {@link FILE_KINDS} (a value read from the store or a request).
 *
 * @example
 * ```ts
 * isFileKind('pdf'); // true
 * isFileKind('exe'); // false
 * ```
 */
export function isFileKind(kind: string): kind is FileKind {
  return Object.hasOwn(FILE_KINDS, kind);
}
