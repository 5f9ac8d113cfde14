/*
 * For the docx/odt fuzz targets: split the input at "\n--PART--\n" into parts and store
 * them, under fixed names, in a zip built in memory (libarchive, no compression), so that
 * mutations reach the XML walkers instead of dying in the zip layer.
 */
#ifndef THIDUA_FUZZ_ZIPPARTS_H
#define THIDUA_FUZZ_ZIPPARTS_H
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#define PART_SEP "\n--PART--\n"

static const char *find_sep(const char *p, const char *end)
{
	size_t k = strlen(PART_SEP);
	for (; p + k <= end; p++)
		if (memcmp(p, PART_SEP, k) == 0)
			return p;
	return NULL;
}

static char *zip_parts(const char *data, size_t n, const char *const *names, size_t *zlen)
{
	size_t cap = n + 4096 * 8, used = 0, k;
	char *out = malloc(cap);
	struct archive *a = archive_write_new();
	const char *p = data, *end = data + n;

	archive_write_set_format_zip(a);
	archive_write_zip_set_compression_store(a);
	archive_write_open_memory(a, out, cap, &used);
	for (k = 0; names[k]; k++) {
		const char *sep = p < end ? find_sep(p, end) : NULL;
		size_t len = p < end ? (sep ? (size_t)(sep - p) : (size_t)(end - p)) : 0;
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, names[k]);
		archive_entry_set_size(e, (la_int64_t)len);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_write_header(a, e);
		if (len)
			archive_write_data(a, p, len);
		archive_entry_free(e);
		p = sep ? sep + strlen(PART_SEP) : end;
	}
	archive_write_close(a);
	archive_write_free(a);
	*zlen = used;
	return out;
}

#endif
