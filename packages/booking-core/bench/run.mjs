// Every booking-core benchmark in turn (each file also runs alone).
// Usage: npm run bench -w @workestra/booking-core [-- --markdown]
await import('./worst-link.mjs');
console.log();
await import('./team-link.mjs');
