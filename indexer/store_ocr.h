/*
 * store_ocr: the OCR rows of a document (schema/thidua.sql, OCR section): pages read by
 * OCR, passages that came from them, the signature stamp. Called by store.c.
 */
#ifndef THIDUA_STORE_OCR_H
#define THIDUA_STORE_OCR_H
#include <sqlite3.h>

#include "doc.h"
#include "util.h"

struct ocr_store;

struct ocr_store *ocr_store_new(sqlite3 *db, struct err *e);
void ocr_store_free(struct ocr_store *s);
/* Rows of document id (its passages' rowids in pass). */
int ocr_store_doc(struct ocr_store *s, const struct doc *d, sqlite3_int64 id,
                  const sqlite3_int64 *pass, struct err *e);
/* Remove the rows of document id. */
int ocr_store_remove(struct ocr_store *s, sqlite3_int64 id, struct err *e);

#endif
