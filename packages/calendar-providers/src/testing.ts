export { startGoogleEmulator } from './emulators/google.js';
export type {
  GoogleEmulator,
  GoogleEmulatorEvent,
  GoogleEmulatorOptions,
} from './emulators/google.js';
export type { EmulatorFault, Hang } from './emulators/faults.js';
export type { EmulatorClient } from './emulators/oauth.js';
