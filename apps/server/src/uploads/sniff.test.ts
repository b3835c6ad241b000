import { describe, expect, it } from 'vitest';
import { isFileKind, SNIFF_BYTES, sniffKind } from './sniff.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('sniffKind', () => {
  it('tells each kind by its magic bytes', () => {
    expect(sniffKind(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), true)).toBe('pdf');
    expect(sniffKind(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), true)).toBe(
      'png',
    );
    expect(sniffKind(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), true)).toBe('jpeg');
    expect(sniffKind(bytes('GIF87a', [1, 0, 1, 0]), true)).toBe('gif');
    expect(sniffKind(bytes('GIF89a', [1, 0, 1, 0]), true)).toBe('gif');
    expect(sniffKind(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), true)).toBe('webp');
    expect(sniffKind(bytes('Hello,\tworld\r\n\fnext page\n'), true)).toBe('txt');
    expect(sniffKind(Buffer.from('Grüße, 日本語 ✓\n', 'utf8'), true)).toBe('txt');
  });

  it('never calls an executable any kind, whatever follows its signature', () => {
    expect(sniffKind(bytes('MZ', [0x90, 0, 3, 0]), true)).toBeNull();
    expect(sniffKind(bytes('MZ this looks like text\n'), true)).toBeNull();
    expect(sniffKind(bytes([0x7f], 'ELF', [2, 1, 1, 0]), true)).toBeNull();
    for (const macho of [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ])
      expect(sniffKind(bytes(macho, [7, 0, 0, 1]), true)).toBeNull();
    expect(sniffKind(bytes('#!/bin/sh\nrm -rf ~\n'), true)).toBeNull();
  });

  it('refuses text with NUL or other control characters, invalid UTF-8, and empty files', () => {
    expect(sniffKind(bytes('abc\u0000def'), true)).toBeNull();
    expect(sniffKind(bytes('abc\u001bdef'), true)).toBeNull();
    expect(sniffKind(bytes('abc\u007fdef'), true)).toBeNull();
    expect(sniffKind(Buffer.from('abc\u0085def', 'utf8'), true)).toBeNull();
    expect(sniffKind(bytes('abc', [0xc3, 0x28]), true)).toBeNull();
    expect(sniffKind(new Uint8Array(0), true)).toBeNull();
    expect(sniffKind(bytes('PK', [3, 4, 20, 0]), true)).toBeNull();
  });

  it('checks text over the first 4 KB only, tolerating a character cut at the end of a partial head', () => {
    const euro = Buffer.from('€', 'utf8'); // 3 bytes
    const head = Buffer.concat([Buffer.alloc(SNIFF_BYTES - 1, 'a'), euro]);
    // The head of a longer file: the cut character is completed by what follows.
    expect(sniffKind(head.subarray(0, SNIFF_BYTES), false)).toBe('txt');
    // The whole file ending in half a character is not valid UTF-8.
    expect(sniffKind(head.subarray(0, SNIFF_BYTES), true)).toBeNull();
    // A control character after the first 4 KB is not looked at.
    const late = Buffer.concat([Buffer.alloc(SNIFF_BYTES, 'a'), Buffer.from([0])]);
    expect(sniffKind(late, true)).toBe('txt');
  });

  it('isFileKind names only the known kinds', () => {
    expect(isFileKind('webp')).toBe(true);
    expect(isFileKind('exe')).toBe(false);
    expect(isFileKind('toString')).toBe(false);
  });
});
