import type { Config } from './config.js';
import { DEMO_LOGIN, DEMO_SLUG } from './seed.js';

/**
 * What `main.ts` prints once listening: where the app is, the demo login (when seeded), why the
 * demo seed was skipped (unset `SEED_DEMO` and a `PUBLIC_URL` that is not loopback), where the
 * emulated Google calendar runs (`DEMO_CALENDAR`), and where the dev outbox is (or why it is not
 * served).
 *
 * @example
 * ```ts
 * console.log(startupBanner(config, { port: 3000, mailInOutbox: true }).join('\n'));
 * ```
 */
export function startupBanner(
  config: Config,
  options: {
    port: number;
    mailInOutbox: boolean;
    /** Where the emulated Google calendar of `DEMO_CALENDAR` runs, if it does. */
    demoCalendarUrl?: string | null;
  },
): string[] {
  const base = `http://localhost:${options.port}`;
  const lines = [`Workestra Scheduling is running at ${base}`];
  if (config.seedDemo) {
    lines.push(`  booking page:  ${base}/book/${DEMO_SLUG}`);
    lines.push(
      `  host login:    ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}  (demo only; SEED_DEMO=false turns it off)`,
    );
  } else if (config.SEED_DEMO === undefined) {
    lines.push(
      `  demo seed:     skipped because PUBLIC_URL (${config.publicUrl}) is not loopback; SEED_DEMO=true seeds the demo host (known password) anyway`,
    );
  }
  if (options.demoCalendarUrl)
    lines.push(
      `  calendar:      Google emulated at ${options.demoCalendarUrl}, demo host connected: busy times and Meet links without an account (DEMO_CALENDAR=false turns it off)`,
    );
  if (options.mailInOutbox && config.devOutbox)
    lines.push(
      config.DEV_OUTBOX === true
        ? `  sent email:    ${base}/dev/outbox  (no SMTP_HOST set; DEV_OUTBOX=true: served to any Host, unauthenticated)`
        : `  sent email:    ${base}/dev/outbox  (no SMTP_HOST set; loopback clients only)`,
    );
  else if (options.mailInOutbox)
    lines.push(
      config.DEV_OUTBOX === false
        ? '  sent email:    kept in the database, /dev/outbox not served (DEV_OUTBOX=false)'
        : '  sent email:    kept in the database, /dev/outbox not served (PUBLIC_URL is not loopback; DEV_OUTBOX=true serves it)',
    );
  lines.push(`  API reference: ${base}/api/openapi.json`);
  return lines;
}
