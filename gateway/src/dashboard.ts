import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { municipalityByCadastralCode } from '@intreccio/shared';

/** The page's own files: HTML, CSS and the ES modules of its panels. */
export const DASHBOARD_DIRECTORY = join(__dirname, '..', '..', 'public', 'dashboard');

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Third-party code, served from the project's own node_modules: the machines this runs on may have no internet. */
const VENDOR: Record<string, string> = {
  'echarts.js': packageFile('echarts', 'dist/echarts.min.js'),
};

/**
 * Only the page's own origin: scripts, styles, data and fetches. No inline script or style, no
 * frames, no form posts elsewhere; the bearer token stays in the page.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CADASTRAL_CODE = /^[A-Z]\d{3}$/;
const MAX_CODES = 200;

/**
 * The lead body's coordination dashboard at `/dashboard`: a static page that reads `/graphql` with
 * the coordinator's own token. The server only hands out files and public reference data; every
 * figure comes from the graph, under the caller's token.
 */
export function dashboardRouter(): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  router.get('/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(DASHBOARD_DIRECTORY, 'index.html'));
  });
  router.get('/assets/vendor/:name', (req, res) => {
    const file = VENDOR[req.params.name];
    if (!file) {
      res.sendStatus(404);
      return;
    }
    res.sendFile(file, { maxAge: '1h' });
  });
  router.use('/assets', express.static(DASHBOARD_DIRECTORY, { index: false, dotfiles: 'ignore', maxAge: 0 }), (_req, res) => {
    res.sendStatus(404);
  });
  // Names of the municipalities a programme covers: public reference data (ISTAT), no token needed.
  router.get('/municipalities', (req, res) => {
    const raw = typeof req.query.codes === 'string' ? req.query.codes : '';
    const codes = [...new Set(raw.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean))];
    if (codes.length > MAX_CODES || codes.some((c) => !CADASTRAL_CODE.test(c))) {
      res.status(400).json({ error: `codes: up to ${MAX_CODES} cadastral codes, comma-separated (e.g. D612,G752)` });
      return;
    }
    const municipalities = codes.flatMap((code) => {
      const m = municipalityByCadastralCode(code);
      return m ? [{ code, name: m.name, province: m.province }] : [];
    });
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.json({ municipalities });
  });
  return router;
}
