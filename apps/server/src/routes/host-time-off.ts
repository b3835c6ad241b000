import { Router } from 'express';
import { timeOffBodySchema, timeOffQuerySchema } from '../api-schemas.js';
import type { RouteContext } from '../context.js';
import { signedIn } from '../http/session.js';
import { idParam, jsonBody, parse } from '../http/validate.js';
import { timeOffJson } from '../serialize.js';

/**
 * `/api/host/time-off/*`: the signed-in host's time off (mounted behind session + CSRF checks).
 * Slots inside a range are not offered on any of the host's links.
 */
export function hostTimeOffRoutes(ctx: RouteContext): Router {
  const { core } = ctx;
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parse(timeOffQuerySchema, req.query);
    const ranges = await core.listTimeOff(signedIn(res).host, query);
    res.json({ timeOff: ranges.map(timeOffJson) });
  });

  router.post('/', async (req, res) => {
    const body = parse(timeOffBodySchema, jsonBody(req));
    const range = await core.addTimeOff(signedIn(res).host, body);
    res.status(201).json({ timeOff: timeOffJson(range) });
  });

  router.delete('/:id', async (req, res) => {
    await core.removeTimeOff(signedIn(res).host, idParam(req, 'id'));
    res.status(204).end();
  });

  return router;
}
