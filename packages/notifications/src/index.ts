export { buildIcs, escapeIcsText, foldIcsLine } from './ics.js';
export type { IcsInput, IcsPerson } from './ics.js';
export { buildBookingIcs } from './booking-ics.js';
export type { BookingIcsInput } from './booking-ics.js';
export {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
} from './messages.js';
export type { BookingMessageInput, BuiltEmail, HostReader, Recipient } from './messages.js';
export { escapeHtml, formatMeetingTime, joinNames } from './format.js';
export type { TimeStyle } from './format.js';
export { emailLanguageFor } from './i18n.js';
export type { EmailLanguage, MessageId, MessageValues } from './i18n.js';
export type { EmailMessage, EmailTransport, RenderedEmail } from './transport.js';
export { renderEmail } from './render.js';
export { createSmtpTransport } from './smtp-transport.js';
export type { SmtpOptions } from './smtp-transport.js';
export { createOutboxTransport } from './outbox-transport.js';
export { messageIdFor } from './message-id.js';
export { threadHeadersFor } from './thread.js';
export { messageOwner, sendOnce } from './send-once.js';
export type { SendOnceDeps, SendOutcome } from './send-once.js';
export { createEmailJobHandlers } from './handlers.js';
export type { EmailFollowUpHandlers, EmailJobHandlerOptions, EmailJobKind } from './handlers.js';
export { isNotificationError, NotificationError } from './errors.js';
export type { NotificationErrorCode } from './errors.js';
