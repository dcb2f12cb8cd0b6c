#include "schema.h"

#include "db.h"

#include <array>
#include <string_view>

namespace lb::store::schema {
namespace {

// Version 1: traces, spans, deduplicated texts with their full-text index, import provenance.
constexpr std::string_view kV1 = R"sql(
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
)sql";

// Version 2: feedback and scores found in imported data, summarized on each trace.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE signals(
  id INTEGER PRIMARY KEY,
  trace_rowid INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  span_id TEXT,
  name TEXT NOT NULL,
  score REAL,
  label TEXT,
  explanation TEXT,
  annotator TEXT,
  origin TEXT,
  identifier TEXT,
  time_ns INTEGER,
  import_id INTEGER REFERENCES imports(id),
  dedup BLOB NOT NULL UNIQUE
);
CREATE INDEX signals_trace ON signals(trace_rowid);
ALTER TABLE traces ADD COLUMN feedback TEXT;
ALTER TABLE traces ADD COLUMN feedback_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX traces_feedback ON traces(feedback_count, started_ns);
)sql";

// Version 3: span counts by kind, model and prompt version kept as a small aggregate, instead of
// three indexes over every span that only `info` used (they slowed every import).
constexpr std::string_view kV3 = R"sql(
CREATE TABLE span_stats(
  kind INTEGER NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  prompt_version TEXT NOT NULL DEFAULT '',
  spans INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(kind, model, prompt_version)
) WITHOUT ROWID;
INSERT INTO span_stats(kind, model, prompt_version, spans)
  SELECT kind, coalesce(model, ''), coalesce(prompt_version, ''), count(*) FROM spans GROUP BY 1, 2, 3;
DROP INDEX spans_kind;
DROP INDEX spans_model;
DROP INDEX spans_prompt_version;
)sql";

// Version 4: raters, versioned taxonomies, append-only label events, detector findings, the triage
// priorities the queue is read from, and workspace settings (queue weights, overlap, style rules).
constexpr std::string_view kV4 = R"sql(
CREATE TABLE raters(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE taxonomy_versions(
  version INTEGER PRIMARY KEY,
  json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  author TEXT
);
-- Append-only: a label, a retraction of an earlier event (undo), a skip, or an adjudicated gold label.
-- A rater's current label for a trace is their latest label event that no retraction names.
CREATE TABLE label_events(
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  trace_rowid INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  rater_id INTEGER NOT NULL REFERENCES raters(id),
  kind INTEGER NOT NULL,
  categories TEXT NOT NULL DEFAULT '[]',
  no_failure INTEGER NOT NULL DEFAULT 0,
  severity INTEGER NOT NULL DEFAULT 0,
  rationale TEXT,
  evidence_json TEXT NOT NULL DEFAULT '[]',
  taxonomy_version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  retracts_uid TEXT,
  origin TEXT
);
CREATE INDEX label_events_trace ON label_events(trace_rowid, rater_id);
CREATE INDEX label_events_rater ON label_events(rater_id, created_at);
CREATE INDEX label_events_retracts ON label_events(retracts_uid) WHERE retracts_uid IS NOT NULL;
CREATE TABLE detector_hits(
  trace_rowid INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  detector TEXT NOT NULL,
  category TEXT NOT NULL,
  score REAL NOT NULL,
  reason TEXT NOT NULL,
  evidence_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY(trace_rowid, detector)
) WITHOUT ROWID;
CREATE INDEX detector_hits_category ON detector_hits(category, score);
CREATE TABLE triage(
  trace_rowid INTEGER PRIMARY KEY REFERENCES traces(id) ON DELETE CASCADE,
  priority REAL NOT NULL,
  suspected TEXT NOT NULL DEFAULT '',
  reasons_json TEXT NOT NULL DEFAULT '[]',
  fingerprint INTEGER NOT NULL DEFAULT 0,
  computed_at INTEGER
);
CREATE INDEX triage_priority ON triage(priority DESC);
CREATE TABLE settings(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 5: the prompt registry (immutable numbered versions, movable tags with history, links to
// the traces that used a version), datasets drawn from labeled traces, evaluation runs with their
// outputs, evaluator scores and pairwise votes, and the provider response cache.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE prompts(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE prompt_versions(
  id INTEGER PRIMARY KEY,
  prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  parent_id INTEGER REFERENCES prompt_versions(id),
  messages_json TEXT NOT NULL,
  model TEXT,
  params_json TEXT NOT NULL DEFAULT '{}',
  message TEXT,
  author TEXT,
  created_at INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  origin TEXT,
  UNIQUE(prompt_id, number)
);
CREATE INDEX prompt_versions_hash ON prompt_versions(prompt_id, content_hash);
CREATE TABLE prompt_tags(
  prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES prompt_versions(id),
  PRIMARY KEY(prompt_id, tag)
) WITHOUT ROWID;
CREATE TABLE prompt_tag_history(
  id INTEGER PRIMARY KEY,
  prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  version_id INTEGER REFERENCES prompt_versions(id),
  moved_at INTEGER NOT NULL,
  author TEXT
);
CREATE TABLE prompt_trace_links(
  version_id INTEGER NOT NULL REFERENCES prompt_versions(id) ON DELETE CASCADE,
  trace_rowid INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  PRIMARY KEY(version_id, trace_rowid)
) WITHOUT ROWID;
CREATE TABLE datasets(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  selection_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  author TEXT
);
CREATE TABLE dataset_items(
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  trace_rowid INTEGER REFERENCES traces(id) ON DELETE SET NULL,
  trace_id TEXT,
  role TEXT NOT NULL,
  variables_json TEXT NOT NULL,
  original_output TEXT,
  labels_json TEXT NOT NULL DEFAULT '[]',
  UNIQUE(dataset_id, position)
);
CREATE TABLE eval_runs(
  id INTEGER PRIMARY KEY,
  prompt_id INTEGER NOT NULL REFERENCES prompts(id),
  version_a INTEGER NOT NULL REFERENCES prompt_versions(id),
  version_b INTEGER NOT NULL REFERENCES prompt_versions(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  config_json TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  summary_json TEXT
);
CREATE TABLE eval_outputs(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES dataset_items(id),
  side TEXT NOT NULL,
  output TEXT,
  error TEXT,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  cost REAL,
  latency_ms REAL,
  cached INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE(run_id, item_id, side)
);
CREATE TABLE eval_scores(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES dataset_items(id),
  side TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  passed INTEGER,
  score REAL,
  label TEXT,
  explanation TEXT,
  raw TEXT,
  UNIQUE(run_id, item_id, side, evaluator)
);
CREATE TABLE pairwise_votes(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES dataset_items(id),
  rater TEXT NOT NULL,
  verdict TEXT NOT NULL,
  left_side TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE response_cache(
  key TEXT PRIMARY KEY,
  response_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, kCurrentVersion> kMigrations = {kV1, kV2, kV3, kV4, kV5};

}  // namespace

void migrate(Db &db, int fromVersion, int toVersion)
{
    for (int v = fromVersion + 1; v <= toVersion; ++v) {
        Transaction tx(db);
        db.exec(kMigrations[static_cast<std::size_t>(v - 1)]);
        if (v == 1)
            db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        db.exec("PRAGMA user_version = " + std::to_string(v));
        tx.commit();
    }
}

}  // namespace lb::store::schema
