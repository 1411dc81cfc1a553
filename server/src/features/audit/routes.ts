import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { stringify } from 'csv-stringify';
import { api } from '@hearth/contracts';
import { mount, parseInput } from '../../http/endpoint.ts';
import { viewerOf } from '../../auth/viewer.ts';
import { AUDIT_CSV_COLUMNS, type AuditService } from './service.ts';

export function auditRoutes(audit: AuditService): Router {
  const router = Router();
  mount(router, api.auditLog, ({ viewer, query }) => audit.list(viewer, query));

  // Not JSON, so mounted by hand: a CSV attachment, streamed a page of entries at a time.
  router.get(api.auditCsv.path, async (req, res) => {
    const query = parseInput(api.auditCsv.query, req.query, 'query');
    const rows = await audit.export(viewerOf(res), query);
    const day = new Date().toISOString().slice(0, 10);
    res.status(api.auditCsv.status);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="hearth-audit-${day}.csv"`);
    await pipeline(
      Readable.from(rows),
      stringify({
        header: true,
        columns: [...AUDIT_CSV_COLUMNS],
        // RFC 4180 line ends; a byte-order mark so spreadsheets read the text as UTF-8.
        record_delimiter: 'windows',
        bom: true,
        // A cell starting with =, +, -, @, tab or CR gets a leading ' (CSV/formula injection).
        escape_formulas: true,
      }),
      res,
    );
  });
  return router;
}
