import { isBookingError, type BookingCore, type BookingStore } from '@workestra/booking-core';
import type { UploadRecords } from './records.js';

/**
 * The server's {@link UploadRecords} over booking-core and the store: a link's file field from the
 * live link's form, the uploads table through `StoreTx`, and host access to a booking through
 * `core.getBooking` (its host, its assigned member or co-hosts, its link's owner; anyone else
 * gets nothing).
 *
 * @example
 * ```ts
 * import { createBookingCore, createMemoryStore } from '@workestra/booking-core';
 * const store = createMemoryStore();
 * const records = createUploadRecords(store, createBookingCore({ store }));
 * ```
 */
export function createUploadRecords(store: BookingStore, core: BookingCore): UploadRecords {
  return {
    async fileField(slug, fieldId) {
      const link = await store.transaction((tx) => tx.findLiveLinkBySlug(slug));
      if (link === null || !link.active) return 'LINK_NOT_FOUND';
      const field = link.formFields.find((f) => f.id === fieldId && f.type === 'file');
      if (field === undefined) return 'FILE_FIELD_NOT_FOUND';
      return {
        workspaceId: link.workspaceId,
        linkId: link.id,
        fieldId,
        maxBytes: field.maxBytes,
        accept: field.accept,
      };
    },
    insert: (upload) => store.transaction((tx) => tx.insertUpload(upload)),
    async findForHost(host, bookingId, uploadId) {
      try {
        await core.getBooking(host, bookingId);
      } catch (error) {
        if (isBookingError(error, 'NOT_FOUND')) return null;
        throw error;
      }
      const upload = await store.transaction((tx) => tx.findUpload(host.workspaceId, uploadId));
      return upload?.bookingId === bookingId ? upload : null;
    },
    listUnattached: (createdBefore, limit) =>
      store.transaction((tx) => tx.listUnattachedUploads(createdBefore, limit)),
    delete: async (workspaceId, id) => {
      await store.transaction((tx) => tx.deleteUpload(workspaceId, id));
    },
  };
}
