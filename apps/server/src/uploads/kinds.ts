/**
 * The file kinds an upload field may accept (booking-core's table, declared once there): the
 * content type a download is served with and the file name extensions of each.
 *
 * @example
 * ```ts
 * FILE_KINDS.pdf.mime; // 'application/pdf'
 * ```
 */
export { FILE_KINDS, type FileKind } from '@workestra/booking-core';
