/*
 * doc: the document as it moves through the indexer —
 *
 *   file bytes --extract--> blocks: decoded text in reading order (format, encoding known)
 *              --layout---> passages: paragraphs of repaired text, sections, kinds
 *              --header---> title, date, year
 *              --store----> rows in the database
 *
 * Each stage is one function taking this struct; no stage calls back up the chain.
 */
#ifndef THIDUA_DOC_H
#define THIDUA_DOC_H
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "vn_pack.h"
#include "vn_tok.h"
#include "vn_words.h"

/*
 * What an extractor delivers. Formats that know their paragraphs (docx, odt, html, pdf
 * lines) give BLK_PARA blocks; plain text gives one BLK_TEXT block that layout splits.
 * Footnotes and endnotes the format keeps apart come as BLK_FOOTNOTE with their marker.
 */
enum block_kind {
	BLK_TEXT,     /* free text: layout finds the paragraphs */
	BLK_PARA,     /* exactly one paragraph */
	BLK_HEADING,  /* a paragraph the format marks as a heading */
	BLK_FOOTNOTE, /* a footnote or endnote body; `note` is its marker ("1", "*") */
	BLK_CELL,     /* one table cell, in row order; `row`, `col` from 0 */
};

struct block {
	enum block_kind kind;
	char *text; /* NFC UTF-8 */
	char *note; /* BLK_FOOTNOTE: the marker; else NULL */
	int page;   /* 1-based page for paged formats, 0 if unknown */
	int row, col;
};

struct passage {
	char *text;    /* NFC UTF-8, one paragraph, residue removed */
	char *section; /* heading path, e.g. "PHẦN I › III › 1" ("" before any heading) */
	const char *kind; /* "body" | "heading" | "footnote" | "header" | "footer" */
	/* facts (layout, header, facts.c) */
	char *note;	  /* kind "footnote": its marker ("1"); else NULL */
	long cites;	  /* kind "footnote": index of the passage citing it, or -1 */
	long cont;	  /* index of the passage this one goes on from (a footnote's list item
			   * resumed after a page break), or -1 */
	char *unit;	  /* the unit the passage is about (a list item "- Công an tỉnh:
			   * …", its footnote), or NULL */
	struct vn_toks toks; /* FTS5 tokens, computed in the worker (see vn_tok.h) */
	struct vn_words *words; /* the text as words, built once for all extractors */
	size_t chunk, off;      /* where doc_pack put the text: chunks[chunk], from byte off */
	uint64_t bare;		/* vn_rank_bare_signature of the text, with toks */
	double ocr_conf;	/* read by OCR: mean word confidence (0..100) of its page; -1 if not */
};

/* A page read by OCR (indexer/ocr.c), kept for `show --ocr-raw`. */
struct ocr_page_rec {
	int page;
	char *raw;    /* Tesseract's text before repair */
	double conf;  /* mean word confidence 0..100 */
	int repairs;  /* changes the repair made */
	int cached;   /* taken from the OCR cache */
	char *text;   /* the repaired text (passages are matched against it) */
};

/* A unit named in a passage (facts.c). */
struct unit_mention {
	size_t passage;	  /* index in passages */
	size_t start, end; /* character span in the passage text */
	const char *unit;  /* canonical (static) */
	char *name;	  /* district branches: the full name ("Tòa án nhân dân huyện Chiêm
			   * Hóa"); else NULL */
	char *surface;	  /* as written */
};

/* A campaign named in quotes (campaigns.c). */
struct campaign_mention {
	size_t passage, start, end;
	char *name; /* as written, markdown removed */
	char *key;  /* folded form: the identity of the campaign across documents */
};

/* One award fact (awards.c). Counts are -1 when not stated. */
struct award_fact {
	size_t passage, start, end;
	int year;
	char *unit;    /* canonical unit (or district branch name), NULL = none */
	const char *award; /* canonical kind (static) */
	char *class_;  /* "Nhất" | "Nhì" | "Ba", a Kỷ niệm chương's name, or NULL */
	char *grantor; /* canonical, "A; B" for several, NULL = not stated */
	const char *status; /* registered | proposed | granted | honoured */
	long collectives, individuals, count;
};

/* A number with what it counts, found in a passage by indexer/figures.c (lib/vn_num). */
struct figure {
	size_t passage;          /* index into passages */
	size_t start, end;       /* characters (code points) of raw in the passage text */
	const char *kind;        /* "count", "money", "score", … (static) */
	double value, of, times; /* of: maximum of a score or ratio; times: a rate's count; 0 = none */
	char *noun, *qualifier, *raw, *flags;
	int year; /* the year the figure is about, 0 = unknown */
	const char *unit; /* the unit its sentence is about when its passage has none (a
			   * name in the passage's unit mentions), else NULL: the passage's */
};

struct doc {
	/* identity */
	char *path; /* absolute */
	char sha256[65];
	long long size, mtime;

	/* what extraction found */
	const char *format;   /* "text", "docx", ... */
	const char *encoding; /* "utf-8", "utf-8-bom", "tcvn3", ... */
	struct block *blocks; /* freed by layout */
	size_t nblocks, bcap;

	/* non-fatal notes for the user ("page 3 has no text layer"), printed by the indexer */
	char **notes;
	size_t nnotes, ncap;

	/* header */
	char *title;
	char date[11]; /* YYYY-MM-DD or "" */
	int year;      /* 0 = unknown */
	int no_facts;  /* indexed with --no-facts: units, campaigns, awards, figures not read */
	/* header (facts): what the document says about itself; NULL when absent */
	char *number;	     /* số/ký hiệu as written: "234/BC-KTĐNC" */
	char *doc_type;	     /* type code "BC", or the type word's code when no number */
	char *issuer_code;   /* "KTĐNC" */
	char *issuer;	     /* issuing body (left column, else the TM. block) */
	char *issuer_parent; /* the body above it (first line of the left column) */
	char *place;	     /* "Tuyên Quang" */
	char *type_name;     /* "BÁO CÁO" */
	char *signer, *signer_role, *signer_authority; /* "Vũ Đức Thọ", "TM. … / …", "TM." */
	char **recipients;   /* Nơi nhận, one entry per line */
	size_t nrecipients;
	char *province;	     /* the province the document is about: "Tuyên Quang" */

	/* facts */
	struct unit_mention *units;
	size_t nunits, ucap;
	struct campaign_mention *campaigns;
	size_t ncampaigns, ccap;
	struct award_fact *awards;
	size_t nawards, acap;

	struct passage *passages;
	size_t npassages, cap;
	/* the passages' texts as stored (passage_chunks): consecutive passages packed together
	 * (lib/vn_pack.h) by doc_pack in the worker; none when the writer streams the document */
	struct buf *chunks;
	size_t nchunks;
	size_t words_bytes; /* memory the passages' cached words hold (doc_passage_words) */

	struct figure *figures; /* in passage order */
	size_t nfigures, fcap;

	/* OCR (indexer/ocr.c, docs/ocr.md): pages read by Tesseract, in page order */
	struct ocr_page_rec *ocr_pages;
	size_t nocr_pages;
	int text_pages; /* pages whose own text layer was used */
	/* the digital-signature stamp (lib/vn_stamp.h); NULL when absent */
	char *signed_by, *signing_body, *signed_at;
};

/* Append a block; takes ownership of text (and note). Returns the block for page/row/col. */
struct block *doc_add_block(struct doc *d, enum block_kind kind, char *text, char *note);
void doc_add_note(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_free_blocks(struct doc *d);
/* Append a passage (takes ownership of text); returns it for the facts fields. */
struct passage *doc_add_passage(struct doc *d, char *text, const char *section,
				const char *kind);
/*
 * Append passage i's text to passage k's (k < i) and drop passage i: a paragraph a page
 * break cut in two, whose tail the layout could only place once the foot was read (before
 * facts: the passages' facts would point past it). Later passages move down one.
 */
void doc_join_passages(struct doc *d, size_t k, size_t i);
/*
 * Passage i as words (vn_words), built on first use and kept: units, campaigns, awards and
 * the header all read the same passages word by word. The text must not change after
 * layout. The cache holds at most DOC_WORDS_BUDGET bytes: past that (a text file of
 * megabytes, whose words took 20 times its size) the other passages' words are dropped and
 * built again when asked for, so a caller holds the words of one passage at a time.
 */
#define DOC_WORDS_BUDGET ((size_t)32 << 20)
struct vn_words *doc_passage_words(struct doc *d, size_t i, struct vn_norm *nm);

/* Compute every passage's FTS5 tokens (in the worker thread, after layout and facts),
 * then free the passages' words: nothing after it reads them. */
void doc_tokenize(struct doc *d, struct vn_norm *nm);
/*
 * Pack the passages' texts for storage (in the worker thread, after layout): consecutive
 * passages together, DOC_CHUNK_BYTES of text or a little more per chunk (a passage is never
 * split). Packed one by one, 300-byte passages kept 37% of their bytes even with zstd's
 * dictionary; 4 KB chunks of the same passages keep 24% (a sample of 30 000 national
 * passages), and reading one passage then unpacks 4 KB: 4.5 us a chunk on that sample.
 */
#define DOC_CHUNK_BYTES 4096
void doc_pack(struct doc *d, struct vn_packer *pk);
void doc_free(struct doc *d);
/* Mark the passages that came from OCR pages with their page's confidence (after layout). */
void doc_mark_ocr(struct doc *d);
struct vn_stamp;
/* The first stamp seen becomes the document's signature; frees st either way. */
void doc_set_stamp(struct doc *d, struct vn_stamp *st);
/* Free the OCR pages and the stamp fields (doc_free calls it). */
void doc_free_ocr(struct doc *d);

#endif
