export { createApp } from './app.js';
export type { AppOptions } from './app.js';
export { configSchema, loadConfig } from './config.js';
export type { Config } from './config.js';
export { buildOpenApi } from './openapi.js';
export { API_ROUTES } from './route-table.js';
export type { ApiRoute } from './route-table.js';
export { followUpHandlers, startJobRunner } from './jobs.js';
export { seedDemo, DEMO_LOGIN } from './seed.js';
