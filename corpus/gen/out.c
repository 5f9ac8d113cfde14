#include "out.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "noise.h"

const char *const fmt_names[F_NFORMATS] = {"txt", "tcvn3", "vni", "rtf", "docx", "docx-tcvn3"};
const char *const fmt_ext[F_NFORMATS] = {"txt", "txt", "txt", "rtf", "docx", "docx"};

int fmt_parse(const char *name)
{
	int i;
	for (i = 0; i < F_NFORMATS; i++)
		if (strcmp(fmt_names[i], name) == 0)
			return i;
	return -1;
}

int is_all_upper(const char *s, size_t n)
{
	size_t i = 0;
	int letters = 0;

	while (i < n) {
		int cp = utf8_next(s, n, &i);
		if (cp < 0 || !u_isalpha(cp))
			continue;
		letters++;
		if (u_islower(cp))
			return 0;
	}
	return letters > 0;
}

void utf8_nfd(const char *s, size_t n, struct buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar *u = xmalloc((n + 1) * sizeof(UChar)), *v;
	int32_t nu = 0, nv, nb = 0;
	char *b;

	u_strFromUTF8(u, (int32_t)n + 1, &nu, s, (int32_t)n, &st);
	v = xmalloc(((size_t)nu * 3 + 1) * sizeof(UChar));
	nv = unorm2_normalize(nfd, u, nu, v, nu * 3 + 1, &st);
	b = xmalloc((size_t)nv * 3 + 1);
	u_strToUTF8(b, nv * 3 + 1, &nb, v, nv, &st);
	if (U_SUCCESS(st))
		buf_add(out, b, (size_t)nb);
	else
		buf_add(out, s, n);
	free(u);
	free(v);
	free(b);
}
