/**
 * The file kinds an upload field may accept, with the content type a download is served with and
 * the file name extensions that go with each. Declared here until booking-core exports the same
 * table (`FILE_KINDS`, `FileKind`); then this module only re-exports it.
 *
 * @example
 * ```ts
 * FILE_KINDS.pdf.mime; // 'application/pdf'
 * ```
 */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'] },
  png: { mime: 'image/png', extensions: ['.png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  gif: { mime: 'image/gif', extensions: ['.gif'] },
  webp: { mime: 'image/webp', extensions: ['.webp'] },
  txt: { mime: 'text/plain', extensions: ['.txt'] },
} as const satisfies Record<string, { mime: string; extensions: readonly string[] }>;

/** One of the keys of {@link FILE_KINDS}. */
export type FileKind = keyof typeof FILE_KINDS;
