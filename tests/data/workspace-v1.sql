-- A workspace at schema version 1 (the first Loopbench schema), for the migration test.
BEGIN;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE imports(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  size_bytes INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL DEFAULT 'running',
  records_read INTEGER NOT NULL DEFAULT 0,
  spans_read INTEGER NOT NULL DEFAULT 0,
  spans_new INTEGER NOT NULL DEFAULT 0,
  spans_duplicate INTEGER NOT NULL DEFAULT 0,
  records_skipped INTEGER NOT NULL DEFAULT 0,
  traces_new INTEGER NOT NULL DEFAULT 0,
  errors_json TEXT NOT NULL DEFAULT '[]'
);

-- Every long text (message, document, input, output, attribute value) is stored once, keyed by
-- its 128-bit xxh3 hash; spans refer to it by id.
CREATE TABLE texts(
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  content TEXT NOT NULL,
  indexed INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE text_fts USING fts5(
  content, content='texts', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TABLE traces(
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL UNIQUE,
  root_span_id TEXT,
  name TEXT,
  started_ns INTEGER,
  ended_ns INTEGER,
  duration_ns INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 0,
  span_count INTEGER NOT NULL DEFAULT 0,
  kinds INTEGER NOT NULL DEFAULT 0,
  input_preview TEXT,
  output_preview TEXT,
  preview_rank INTEGER NOT NULL DEFAULT 4095,
  model TEXT,
  prompt_name TEXT,
  prompt_version TEXT,
  session_id TEXT,
  user_id TEXT,
  service TEXT,
  tokens INTEGER NOT NULL DEFAULT 0,
  cost REAL NOT NULL DEFAULT 0,
  import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX traces_started ON traces(started_ns);
CREATE INDEX traces_duration ON traces(duration_ns);
CREATE INDEX traces_status ON traces(status, started_ns);
CREATE INDEX traces_model ON traces(model, started_ns);
CREATE INDEX traces_prompt_version ON traces(prompt_version, started_ns);
CREATE INDEX traces_tokens ON traces(tokens);
CREATE INDEX traces_cost ON traces(cost);

CREATE TABLE spans(
  id INTEGER PRIMARY KEY,
  trace_rowid INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  span_id TEXT NOT NULL,
  parent_id TEXT,
  name TEXT NOT NULL DEFAULT '',
  kind INTEGER NOT NULL DEFAULT 0,
  started_ns INTEGER NOT NULL DEFAULT 0,
  ended_ns INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 0,
  status_message TEXT,
  model TEXT,
  provider TEXT,
  prompt_name TEXT,
  prompt_version TEXT,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  total_tokens INTEGER,
  cost REAL,
  input_text INTEGER REFERENCES texts(id),
  output_text INTEGER REFERENCES texts(id),
  detail_json TEXT NOT NULL DEFAULT '{}',
  attributes_json TEXT NOT NULL DEFAULT '[]',
  resource_text INTEGER REFERENCES texts(id),
  events_json TEXT NOT NULL DEFAULT '[]',
  import_id INTEGER REFERENCES imports(id),
  UNIQUE(trace_rowid, span_id)
);
CREATE INDEX spans_kind ON spans(kind);
CREATE INDEX spans_model ON spans(model) WHERE model IS NOT NULL;
CREATE INDEX spans_prompt_version ON spans(prompt_version) WHERE prompt_version IS NOT NULL;

-- Which traces use which text: full-text hits map to traces through this.
CREATE TABLE text_refs(
  text_id INTEGER NOT NULL,
  trace_rowid INTEGER NOT NULL,
  PRIMARY KEY(text_id, trace_rowid)
) WITHOUT ROWID;

INSERT INTO meta(key, value) VALUES ('created_at', '2026-10-01T09:00:00Z');
INSERT INTO imports(id, path, format, size_bytes, started_at, finished_at, status, spans_read, spans_new, traces_new)
  VALUES (1, '/data/support-bot.jsonl', 'otlp-json', 4096, 1790000000000, 1790000001000, 'done', 3, 3, 2);
INSERT INTO texts(id, hash, content, indexed) VALUES (1, X'00000000000000000000000000000001', 'What is the refund window?', 1);
INSERT INTO texts(id, hash, content, indexed) VALUES (2, X'00000000000000000000000000000002', 'Refunds are accepted within 30 days.', 1);
INSERT INTO text_fts(rowid, content) VALUES (1, 'What is the refund window?');
INSERT INTO text_fts(rowid, content) VALUES (2, 'Refunds are accepted within 30 days.');
INSERT INTO traces(id, trace_id, root_span_id, name, started_ns, ended_ns, duration_ns, status, span_count, kinds, input_preview, output_preview, preview_rank, model, tokens, cost, import_id)
  VALUES (1, '4bf92f3577b34da6a3ce929d0e0e4736', '53995c3f42cd8ad8', 'rag', 1790000000000000000, 1790000001500000000, 1500000000, 1, 2, 6, 'What is the refund window?', 'Refunds are accepted within 30 days.', 0, 'gpt-4o', 120, 0.0004, 1);
INSERT INTO traces(id, trace_id, root_span_id, name, started_ns, ended_ns, duration_ns, status, span_count, kinds, preview_rank, tokens, cost, import_id)
  VALUES (2, '5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b174', 'chat', 1790000002000000000, 1790000003000000000, 1000000000, 2, 1, 2, 0, 0, 0, 1);
INSERT INTO spans(id, trace_rowid, span_id, parent_id, name, kind, started_ns, ended_ns, status, input_text, output_text, import_id)
  VALUES (1, 1, '53995c3f42cd8ad8', NULL, 'rag', 2, 1790000000000000000, 1790000001500000000, 1, 1, 2, 1);
INSERT INTO spans(id, trace_rowid, span_id, parent_id, name, kind, started_ns, ended_ns, status, model, total_tokens, cost, import_id)
  VALUES (2, 1, '00f067aa0ba902b7', '53995c3f42cd8ad8', 'ChatCompletion', 1, 1790000000500000000, 1790000001400000000, 1, 'gpt-4o', 120, 0.0004, 1);
INSERT INTO spans(id, trace_rowid, span_id, parent_id, name, kind, started_ns, ended_ns, status, status_message, import_id)
  VALUES (3, 2, 'eee19b7ec3c1b174', NULL, 'chat', 2, 1790000002000000000, 1790000003000000000, 2, 'RateLimitError: 429', 1);
INSERT INTO text_refs(text_id, trace_rowid) VALUES (1, 1), (2, 1);
COMMIT;
PRAGMA application_id = 1280266064;
PRAGMA user_version = 1;
