-- thidua database schema.
-- schema_version: 1
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
CREATE TABLE passages (
    id      INTEGER PRIMARY KEY,
    doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,          -- 1, 2, ... within the document
    section TEXT NOT NULL DEFAULT '',  -- heading path, e.g. "PHẦN I › III › 1"
    kind    TEXT NOT NULL DEFAULT 'body', -- body | heading | footnote | cell
    text    TEXT NOT NULL,
    UNIQUE (doc, ordinal)
);

-- Full-text index over passages.text, external content: the text is stored once.
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text,
    content = 'passages',
    content_rowid = 'id',
    tokenize = 'vietnamese'
);

CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER passages_au AFTER UPDATE OF text ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
