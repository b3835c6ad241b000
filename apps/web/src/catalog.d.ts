// A catalog imported through scripts/catalog-plugin.ts: Lingui's compiled messages.
declare module '*.json?catalog' {
  import type { Messages } from '@lingui/core';
  const messages: Messages;
  export default messages;
}
