-- thidua database schema.
-- schema_version: 26
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
    indexed_at INTEGER NOT NULL,
    facts      INTEGER NOT NULL DEFAULT 1, -- 0: indexed with --no-facts (text only)
    -- facts: the header and the foot (indexer/header.c); NULL when the document lacks them
    number     TEXT,                   -- số/ký hiệu as written: "234/BC-KTĐNC"
    doc_type   TEXT,                   -- type code: "BC" (Báo cáo); NULL for a công văn
    issuer_code TEXT,                  -- issuer in the number: "KTĐNC"
    issuer     TEXT,                   -- issuing body (left column, else the TM. block)
    issuer_parent TEXT,                -- the body above it ("UBND TỈNH TUYÊN QUANG")
    place      TEXT,                   -- "Tuyên Quang" of the place-and-date line
    type_name  TEXT,                   -- the type line: "BÁO CÁO"
    signer     TEXT,                   -- "Vũ Đức Thọ"
    signer_role TEXT,                  -- "TM. KHỐI THI ĐUA NỘI CHÍNH / TRƯỞNG KHỐI NĂM 2020 / …"
    signer_authority TEXT,             -- "TM." | "KT." | "TL." | "TUQ." | "Q."
    province   TEXT,                   -- the province the document is about
    -- its passages' ids, first_passage to last_passage: one writer stores a document's
    -- passages one after the other (NULL: no passages). This is how a document's passages
    -- are found (there is no index on passage_rows.doc): every id in the span is one of
    -- them, in reading order. A new document gets a higher id than every other and its
    -- passages higher ids than every other passage, so ordering passages by id orders
    -- them by document, then ordinal.
    first_passage INTEGER,
    last_passage  INTEGER
);
CREATE INDEX documents_sha256 ON documents(sha256);
-- search --year tests each match's id against the id intervals of that year's documents,
-- read from this index alone (with two index seeks per document the intervals of a five-year
-- range cost more than they saved)
CREATE INDEX documents_year ON documents(year, first_passage, last_passage);

-- A passage is a paragraph of repaired text (markdown residue removed), in reading order.
-- Rows are written only by indexer/store.c, which also keeps passages_fts in step (no
-- triggers: a trigger makes every insert a statement transaction, and FTS5 flushes its
-- in-memory index at each one, which made indexing five times slower).
--
-- The text is stored packed (zstd with a dictionary of report language, lib/vn_pack.h), the
-- texts of consecutive passages of one document together, about 4 KB a chunk
-- (indexer/doc.h, DOC_CHUNK_BYTES); everything reads passages through the `passages` view,
-- which cuts a passage out of its unpacked chunk (vn_slice, which keeps the last chunk
-- unpacked for the passages after it).
CREATE TABLE passage_chunks (
    id      INTEGER PRIMARY KEY,       -- a document's chunks have consecutive ids
    packed  BLOB NOT NULL              -- passages' texts one after the other, packed
);

-- Section paths, each once: a report's passages repeat a few dozen of them, and stored in
-- every row they were 42 MB of the national corpus.
CREATE TABLE sections (
    id      INTEGER PRIMARY KEY,
    path    TEXT NOT NULL UNIQUE       -- heading path, e.g. "PHẦN I › III › 1"
);

CREATE TABLE passage_rows (
    id      INTEGER PRIMARY KEY,
    doc     INTEGER NOT NULL,          -- documents.id
    ordinal INTEGER NOT NULL,          -- 1, 2, ... within the document
    section INTEGER NOT NULL,          -- sections.id: the heading path
    kind    TEXT NOT NULL DEFAULT 'body', -- body | heading | footnote | header | footer | cell
    chunk   INTEGER NOT NULL,          -- passage_chunks.id: the chunk holding the text
    off     INTEGER NOT NULL,          -- where in the unpacked chunk the text starts (bytes)
    bytes   INTEGER NOT NULL,          -- the text's length in bytes: ranking needs it for
                                       -- every match, and unpacking every match to get it
                                       -- was most of a search's time
    bare    INTEGER NOT NULL,          -- signature of its words spelled without diacritics
                                       -- (lib/vn_rank.h): spares the accent check most reads
                                       -- (schema 25: the commonest such words left out)
    -- facts: footnotes and who the passage is about (indexer/layout.c, units.c)
    note    TEXT,                      -- kind footnote: its marker ("1")
    cites   INTEGER,                   -- kind footnote: the passage citing it
    unit    INTEGER                    -- units.id: the unit a list item (and its footnote) is about
);
-- No index on doc: documents.first_passage and last_passage hold each document's passage
-- ids (an index cost the writer, which paces indexing, 5% of its work, and the national
-- corpus's database 38 MB).

-- The text and the section are subqueries, so a read of the other columns never touches a
-- chunk or a section.
CREATE VIEW passages (id, doc, ordinal, section, kind, text, note, cites, unit, bytes, bare) AS
    SELECT r.id, r.doc, r.ordinal, (SELECT path FROM sections WHERE id = r.section), r.kind,
           (SELECT vn_slice(c.packed, r.off, r.bytes) FROM passage_chunks c
            WHERE c.id = r.chunk),
           r.note, r.cites, r.unit, r.bytes, r.bare
    FROM passage_rows r;

-- Full-text index over passages.text with the Vietnamese tokenizer (lib/vn_tok.h); external
-- content, so the text is stored once. columnsize=0: no per-row size table (vn_rank
-- estimates passage length from its bytes). Each word is indexed once, as written
-- (canonically); a query word typed without diacritics is searched as every accented word
-- term_folds holds under it.
-- The second column holds the passage's unit, its id as a number (a list item "- Công an
-- tỉnh: …" and its footnotes), so that search --unit is one more term of the expression:
-- FTS5 steps from one of the unit's passages to the next inside its own doclists, where
-- testing each match of `khen thưởng` against the unit's passage ids walked 673 430 of
-- them for the first 1000 of Công an tỉnh (85 ms on the national corpus). A number typed
-- in a query is searched in the text column only (lib/vn_query.c).
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text,
    unit,
    content = 'passages',
    content_rowid = 'id',
    tokenize = 'vietnamese term_folds',
    columnsize = 0
);

-- The accented words the full-text index holds, by folded form (lib/vn_folds.h): "đồng",
-- "động", "đông" under "dong". Indexing every accented word a second time, folded, made the
-- index 1.76 times as large (the 6-province slice: 71.2 MB against 40.5 MB).
CREATE TABLE term_folds (
    fold TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (fold, term)
) WITHOUT ROWID;
-- Larger in-memory batches before FTS5 writes a segment (fewer merges), larger leaf pages.
INSERT INTO passages_fts(passages_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO passages_fts(passages_fts, rank) VALUES ('pgsz', 16000);
-- Merge segments 8 at a time (FTS5's default is 4): each posting is rewritten fewer times.
-- On the national corpus without facts merging was a fifth of the writer, which paces the
-- run; with 8, indexing took 50 s instead of 60 s (two runs each, alternating), the database
-- grew 2% and the 30 benchmark queries' p50/p95 went from 23/30 to 24/33 ms.
INSERT INTO passages_fts(passages_fts, rank) VALUES ('automerge', 8);

-- ---------------------------------------------------------------- facts (issue 6)
-- Units, campaigns and awards found in the documents, each with its passage, character span
-- (start inclusive, end exclusive, counted in characters from 0: substr(text, start + 1,
-- end - start)) and year. See docs/facts.md.

-- A unit: an agency of a province or a district branch (data/units.tsv), per province.
CREATE TABLE units (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,           -- "Công an tỉnh", "Tòa án nhân dân huyện Chiêm Hóa"
    canonical TEXT NOT NULL,           -- the inventory unit ("Tòa án nhân dân tỉnh" for a branch)
    province  TEXT NOT NULL DEFAULT '',
    key       TEXT NOT NULL,           -- name folded (indexer/facts.c facts_fold_key): "cong an tinh"
    UNIQUE (name, province)
);
-- --unit NAME finds its units by the folded name (query/qopts.c). Folding every name and
-- alias at each command instead cost 40-70 ms on the national corpus (10 000 units, 33 000
-- aliases); the writer folds only the rows it adds.
CREATE INDEX units_key ON units(key);

-- How the documents wrote each unit ("CA tỉnh", "Công an Tuyên Quang").
CREATE TABLE unit_aliases (
    unit  INTEGER NOT NULL REFERENCES units(id),
    alias TEXT NOT NULL,
    key   TEXT,                        -- alias folded; set by the writer right after the insert
    UNIQUE (unit, alias)
);
CREATE INDEX unit_aliases_key ON unit_aliases(key);

-- The mentions, awards and figures of a document are its rows, kept together: their key is
-- (doc, id), id counting from 1 within the document, so the table itself is ordered by
-- document (WITHOUT ROWID) and needs no index on doc — those indexes were 6% of the
-- national corpus's database, and one more B-tree insert for every fact written.
CREATE TABLE unit_mentions (
    doc     INTEGER NOT NULL REFERENCES documents(id),
    id      INTEGER NOT NULL,
    unit    INTEGER NOT NULL REFERENCES units(id),
    passage INTEGER NOT NULL REFERENCES passages(id),
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    year    INTEGER,
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
-- With the year, and the key (doc, id) every index of such a table holds, `units` counts a
-- unit's documents and years from the index alone: through the table each of the national
-- corpus's 1.6 million mentions cost a search by (doc, id).
CREATE INDEX unit_mentions_unit ON unit_mentions(unit, year);

-- A campaign (phong trào, cuộc vận động, chủ đề, khẩu hiệu) across documents and years:
-- one row per folded key, the name as first written.
CREATE TABLE campaigns (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,         -- folded words: accents, case and punctuation dropped
    name TEXT NOT NULL
);

-- Read through the view campaign_mentions, which puts the name back.
CREATE TABLE campaign_mention_rows (
    doc      INTEGER NOT NULL REFERENCES documents(id),
    id       INTEGER NOT NULL,         -- within the document
    campaign INTEGER NOT NULL REFERENCES campaigns(id),
    passage  INTEGER NOT NULL REFERENCES passages(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    year     INTEGER,
    name     INTEGER NOT NULL REFERENCES fact_names(id), -- as written here (typos kept)
    unit     INTEGER REFERENCES units(id),
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX campaign_mentions_campaign ON campaign_mention_rows(campaign);

-- The words facts repeat: award kinds, classes, grantors, statuses, figure nouns and
-- campaign names as written, each stored once and named by its id in award_rows,
-- figure_rows and campaign_mention_rows (about 65 bytes of text on every award row, 7 on
-- every figure row, 45 on every campaign mention). The views below put the words back; a filter on
-- a word (awards.award = 'Cờ thi đua') finds its id here first, then the rows by index.
CREATE TABLE fact_names (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE VIEW campaign_mentions (doc, id, campaign, passage, start, end, year, name, unit) AS
    SELECT m.doc, m.id, m.campaign, m.passage, m.start, m.end, m.year, n.name, m.unit
    FROM campaign_mention_rows m JOIN fact_names n ON n.id = m.name;

-- One award fact: an award kind given to (or registered / proposed / honoured for)
-- recipients in one clause. Counts are NULL when the text does not state them. Read
-- through the view `awards`, which adds the evidence and the words.
CREATE TABLE award_rows (
    doc         INTEGER NOT NULL REFERENCES documents(id),
    id          INTEGER NOT NULL,      -- within the document
    passage     INTEGER NOT NULL REFERENCES passages(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    year        INTEGER,
    unit        INTEGER REFERENCES units(id),
    award       INTEGER NOT NULL REFERENCES fact_names(id), -- data/awards.tsv kind
    class       INTEGER REFERENCES fact_names(id),
    grantor     INTEGER REFERENCES fact_names(id),
    status      INTEGER NOT NULL REFERENCES fact_names(id),
    collectives INTEGER,
    individuals INTEGER,
    count       INTEGER,               -- awards given, when written before the award
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX awards_unit ON award_rows(unit);
CREATE INDEX awards_award ON award_rows(award);
-- award: "Huân chương Lao động" (data/awards.tsv); class: "Nhất" | "Nhì" | "Ba", or a Kỷ
-- niệm chương's name; grantor: data/grantors.tsv, "Chủ tịch UBND tỉnh", "A; B"; status:
-- registered | proposed | granted | honoured.
-- evidence: the exact span of the passage, characters [start, end) as SQL's substr()
-- counts them, cut from the stored text when read (vn_span, lib/vn_pack.c). Stored as a
-- copy it was 115 MB of the national corpus's database (half of this table); a listing
-- reads its rows' chunks in passage order, so each chunk is unpacked once (the last one
-- is kept).
CREATE VIEW awards (id, doc, passage, start, end, year, unit, award, class, grantor, status,
                    collectives, individuals, count, evidence) AS
    SELECT a.id, a.doc, a.passage, a.start, a.end, a.year, a.unit, k.name, c.name, g.name,
           s.name, a.collectives, a.individuals, a.count,
           (SELECT vn_span(p.packed, r.off, r.bytes, a.start, a.end)
            FROM passage_rows r JOIN passage_chunks p ON p.id = r.chunk
            WHERE r.id = a.passage)
    FROM award_rows a JOIN fact_names k ON k.id = a.award JOIN fact_names s ON s.id = a.status
    LEFT JOIN fact_names c ON c.id = a.class LEFT JOIN fact_names g ON g.id = a.grantor;

-- Nơi nhận, one row per line.
CREATE TABLE doc_recipients (
    doc     INTEGER NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (doc, ordinal)
) WITHOUT ROWID;

-- ---------------------------------------------------------------- figures (issue 6, numbers)
-- Every number a report gives with what it counts, read by lib/vn_num (indexer/figures.c);
-- the rules and the meaning of each field are in docs/figures.md. Dates, years, year ranges,
-- document numbers, labels, lists, codes and footnote markers are not figures.
-- A document's figures, packed into one blob (lib/vn_figs.h), read as rows through the
-- virtual table figure_rows below. As a row each, the national corpus's 6.46 million
-- figures were 0.33 times its passage text with their index on kind; packed, with passage
-- and offsets as differences and numbers as varints, they are a fifth of that, and the
-- writer inserts one row per document.
CREATE TABLE figure_packs (
    doc     INTEGER PRIMARY KEY,        -- documents.id
    figures BLOB NOT NULL
);
-- One row per figure, in (doc, id) order; `doc = ?` reads that document's blob alone.
--   doc, id     the document, and the figure's number within it from 1
--   passage     passages.id
--   char_start, char_end  characters of raw in the passage text, from 0
--   kind        count|money|score|ratio|percent|rate|measure|number
--   value       đồng for money and rates; 994 for 994/1000 điểm
--   maximum     "of": 1000 for 994/1000 điểm, 7 for 06/07 đơn vị (NULL: none)
--   times       a rate: the count it goes with (23 suất) (NULL: none)
--   noun        what is counted: fact_names.id (the view figures gives the name)
--   qualifier   "tổng, trên": canonical qualifier words, '' for none
--   flags       malformed, en_style, ambiguous (comma-separated), '' for none
--   year        the year it is about ("Năm 2019," overrides the doc's), NULL: unknown
--   unit        the unit of the figure's passage (units.id), NULL: none
-- A filter on kind (= or <>) is applied as the blobs are decoded.
CREATE VIRTUAL TABLE figure_rows USING thidua_figures(figure_packs);
-- raw: the figure as written ("3,232 tỷ đồng", "700.000đ/suất", "06/07"), characters
-- [char_start, char_end) of the passage, cut from the stored text when read (as awards'
-- evidence: 6.46 million copies on the national corpus). noun: what is counted, as written
-- ("đồng" for money), '' for none.
CREATE VIEW figures (id, doc, passage, char_start, char_end, kind, value, maximum, times, noun,
                     qualifier, raw, flags, year, unit) AS
    SELECT f.id, f.doc, f.passage, f.char_start, f.char_end, f.kind, f.value, f.maximum,
           f.times, n.name, f.qualifier,
           (SELECT vn_span(c.packed, r.off, r.bytes, f.char_start, f.char_end)
            FROM passage_rows r JOIN passage_chunks c ON c.id = r.chunk
            WHERE r.id = f.passage),
           f.flags, f.year, f.unit
    FROM figure_rows f JOIN fact_names n ON n.id = f.noun;

-- ---- OCR (indexer/ocr.c, indexer/store_ocr.c, docs/ocr.md) ------------------------------
-- The OCR cache is not here: it lives in a side database (<db>.ocr-cache) whose one table
-- never changes, so that a new schema version, a rebuilt index or --force OCR nothing again.

-- Pages read by OCR: Tesseract's text before the repair (`show --ocr-raw`), its confidence.
CREATE TABLE ocr_pages (
    doc     INTEGER NOT NULL,          -- documents.id
    page    INTEGER NOT NULL,          -- 1-based
    conf    REAL NOT NULL,             -- mean word confidence, 0..100
    repairs INTEGER NOT NULL,          -- syllables and numbers the repair changed
    raw     TEXT NOT NULL,             -- as Tesseract read it
    PRIMARY KEY (doc, page)
) WITHOUT ROWID;

-- Passages that came from OCR pages, with the mean word confidence of their page.
CREATE TABLE ocr_passages (
    passage INTEGER PRIMARY KEY,       -- passages.id
    doc     INTEGER NOT NULL,          -- documents.id
    conf    REAL NOT NULL
);
CREATE INDEX ocr_passages_doc ON ocr_passages(doc);

-- The digital-signature stamp of a signed scan (lib/vn_stamp.h): metadata, not body text.
CREATE TABLE signatures (
    doc       INTEGER PRIMARY KEY,     -- documents.id
    signer    TEXT,                    -- "Ký bởi"
    body      TEXT,                    -- "Cơ quan", else the signer
    signed_at TEXT                     -- ISO "2022-10-24 15:17:35"
);
