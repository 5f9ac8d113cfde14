-- thidua database schema.
-- schema_version: 2
--
-- The version above is the single source of truth: lib/db.c reads it from this file (built
-- into the binary) and records it, with the tokenizer version (lib/vn_tok.h), in `meta`.
-- A database written by another version is refused with both versions named; bump the
-- number on any change to this file.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per indexed document (a file, or a member of an archive: "a.zip!b.docx").
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL UNIQUE,   -- absolute path of the file as indexed
    sha256     TEXT NOT NULL,          -- of the file's bytes: unchanged files are skipped
    size       INTEGER NOT NULL,       -- bytes
    mtime      INTEGER NOT NULL,       -- seconds since the epoch
    format     TEXT NOT NULL,          -- "text", ...
    encoding   TEXT NOT NULL,          -- "utf-8", "utf-8-bom", ...
    title      TEXT,                   -- trích yếu, e.g. "Tổng kết công tác thi đua ..."
    date       TEXT,                   -- ISO YYYY-MM-DD from the place-and-date line
    year       INTEGER,                -- the year reported on (title), else the date's
    indexed_at INTEGER NOT NULL
);
CREATE INDEX documents_sha256 ON documents(sha256);
CREATE INDEX documents_year ON documents(year);

-- A passage is a paragraph of repaired text (markdown residue removed), in reading order.
-- Rows are written only by indexer/store.c, which also keeps passages_fts in step (no
-- triggers: a trigger makes every insert a statement transaction, and FTS5 flushes its
-- in-memory index at each one, which made indexing five times slower).
CREATE TABLE passages (
    id      INTEGER PRIMARY KEY,
    doc     INTEGER NOT NULL,          -- documents.id
    ordinal INTEGER NOT NULL,          -- 1, 2, ... within the document
    section TEXT NOT NULL DEFAULT '',  -- heading path, e.g. "PHẦN I › III › 1"
    kind    TEXT NOT NULL DEFAULT 'body', -- body | heading | footnote
    text    TEXT NOT NULL
);
CREATE INDEX passages_doc ON passages(doc);

-- Full-text index over passages.text with the Vietnamese tokenizer (lib/vn_tok.h); external
-- content, so the text is stored once. columnsize=0: no per-row size table (vn_rank
-- estimates passage length from its bytes).
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text,
    content = 'passages',
    content_rowid = 'id',
    tokenize = 'vietnamese',
    columnsize = 0
);
-- Larger in-memory batches before FTS5 writes a segment (fewer merges), larger leaf pages.
INSERT INTO passages_fts(passages_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO passages_fts(passages_fts, rank) VALUES ('pgsz', 16000);
