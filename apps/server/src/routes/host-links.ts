import { Router } from 'express';
import { createLinkBodySchema, updateLinkBodySchema } from '../api-schemas.js';
import type { RouteContext } from '../context.js';
import { signedIn } from '../http/session.js';
import { idParam, jsonBody, parse } from '../http/validate.js';
import { linkJson } from '../serialize.js';

/** `/api/host/links/*`: the signed-in host's booking links (mounted behind session + CSRF checks). */
export function hostLinkRoutes(ctx: RouteContext): Router {
  const { core, config } = ctx;
  const router = Router();
  const json = (link: Parameters<typeof linkJson>[0]) => linkJson(link, config.publicUrl);

  router.get('/', async (_req, res) => {
    const links = await core.listLinks(signedIn(res).host);
    res.json({ links: links.map(json) });
  });

  router.post('/', async (req, res) => {
    const input = parse(createLinkBodySchema, jsonBody(req));
    res.status(201).json({ link: json(await core.createLink(signedIn(res).host, input)) });
  });

  router.get('/:id', async (req, res) => {
    res.json({ link: json(await core.getLink(signedIn(res).host, idParam(req, 'id'))) });
  });

  router.patch('/:id', async (req, res) => {
    const id = idParam(req, 'id');
    const patch = parse(updateLinkBodySchema, jsonBody(req));
    res.json({ link: json(await core.updateLink(signedIn(res).host, id, patch)) });
  });

  router.post('/:id/disable', async (req, res) => {
    res.json({ link: json(await core.disableLink(signedIn(res).host, idParam(req, 'id'))) });
  });

  router.post('/:id/enable', async (req, res) => {
    res.json({ link: json(await core.enableLink(signedIn(res).host, idParam(req, 'id'))) });
  });

  router.delete('/:id', async (req, res) => {
    await core.deleteLink(signedIn(res).host, idParam(req, 'id'));
    res.status(204).end();
  });

  return router;
}
