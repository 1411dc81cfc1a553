-- Imports (npm run hearth -- import, features/portability): which local row each imported
-- record became. Per source (the export's origin) and entity ('person', 'community', 'tag',
-- 'post', 'question', 'answer', 'moderation'), the source's stable key (a handle, a slug,
-- `hearth:post:<id>`...). A second run finds every record here and creates nothing; a run that
-- was interrupted continues after the last batch it committed (each batch's rows and their
-- entries here are written in one transaction).
CREATE TABLE import_map (
  source      text NOT NULL,
  entity      text NOT NULL,
  external_id text NOT NULL,
  local_id    integer NOT NULL,
  imported_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (source, entity, external_id)
);
