export { startGoogleEmulator } from './emulators/google.js';
export type {
  GoogleEmulator,
  GoogleEmulatorEvent,
  GoogleEmulatorOptions,
} from './emulators/google.js';
export type { EmulatorFault, Hang } from './emulators/faults.js';
export type { EmulatorCalendarSpec } from './emulators/calendar-lists.js';
export type { EmulatorClient } from './emulators/oauth.js';
export { startMicrosoftEmulator } from './emulators/microsoft.js';
export type {
  MicrosoftEmulator,
  MicrosoftEmulatorEvent,
  MicrosoftEmulatorOptions,
} from './emulators/microsoft.js';
export type { LoggedRequest } from './emulators/api.js';
export type { Emulator } from './emulators/base.js';
