#!/usr/bin/env node
// Dependency direction of docs/architecture.md, checked on the manifests (what npm will install for users):
//   apps -> store, calendar-providers, crm-bridge, notifications -> booking-core -> slots
// Source imports are checked by eslint.config.js; this catches a dependency declared but unused.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const allowed = {
  '@workestra/slots': { workspace: [], external: [] },
  '@workestra/booking-core': { workspace: ['@workestra/slots'], external: ['zod', 'slugify'] },
};
const adapters = [
  '@workestra/store',
  '@workestra/calendar-providers',
  '@workestra/crm-bridge',
  '@workestra/notifications',
];
const vendorOnlyInAdapters =
  /^(better-sqlite3|pg|drizzle-orm|express|googleapis|@googleapis\/.*|@microsoft\/.*|nodemailer)$/;

let failures = 0;
const fail = (msg) => {
  failures++;
  console.error(`check-deps: ${msg}`);
};

for (const dir of readdirSync(join(root, 'packages'))) {
  const manifest = join(root, 'packages', dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  for (const dep of deps) {
    if (dep.startsWith('@workestra/') && ['@workestra/server', '@workestra/web'].includes(dep))
      fail(`${pkg.name} depends on app ${dep}`);
  }
  const rule = allowed[pkg.name];
  if (rule) {
    for (const dep of deps) {
      const ok = dep.startsWith('@workestra/')
        ? rule.workspace.includes(dep)
        : rule.external.includes(dep) || dep === 'vitest';
      if (!ok) fail(`${pkg.name} may not depend on ${dep}`);
    }
  } else if (adapters.includes(pkg.name)) {
    for (const dep of deps) {
      if (adapters.includes(dep))
        fail(`${pkg.name} (an adapter) may not depend on another adapter ${dep}`);
    }
  } else if (deps.some((d) => vendorOnlyInAdapters.test(d)) && !adapters.includes(pkg.name)) {
    fail(`${pkg.name} is not an adapter package but depends on a driver/vendor SDK`);
  }
}
if (failures > 0) process.exit(1);
console.log('check-deps: dependency direction holds');
