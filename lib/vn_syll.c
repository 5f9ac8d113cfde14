#include "vn_syll.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "embedded.h"
#include "util.h"

#define MAX_PARTS 256

static struct {
	char *onsets[48];
	int nonsets;
	char *rhymes[MAX_PARTS];
	int nrhymes;
	char *fonsets[48]; /* the same lists with diacritics removed and đ -> d */
	char *frhymes[MAX_PARTS];
	/* lengths of the rhymes, so a lookup compares bytes only when lengths agree: this is
	 * called for every candidate onset of every word the encoding detector scores */
	size_t lrhymes[MAX_PARTS], lfrhymes[MAX_PARTS];
} inv;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void add_words(const char *s, const char *end, char **list, int *n, int max)
{
	while (s < end) {
		const char *w;
		while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
			s++;
		w = s;
		while (s < end && *s != ' ' && *s != '\n' && *s != '\t')
			s++;
		if (s > w && *n < max)
			list[(*n)++] = xstrndup(w, (size_t)(s - w));
	}
}

/* Strip diacritics and write đ as d, through ICU's NFD. */
static char *fold_ascii(const char *w)
{
	UChar u[64], d[128];
	char out[64];
	int32_t nu = 0, nd, i;
	size_t no = 0;
	UErrorCode st = U_ZERO_ERROR;

	u_strFromUTF8(u, 64, &nu, w, -1, &st);
	nd = unorm2_normalize(unorm2_getNFDInstance(&st), u, nu, d, 128, &st);
	if (U_FAILURE(st))
		return xstrdup(w);
	for (i = 0; i < nd && no + 1 < sizeof(out); i++) {
		if (d[i] == 0x0111)
			out[no++] = 'd';
		else if (d[i] < 0x80)
			out[no++] = (char)d[i];
	}
	out[no] = 0;
	return xstrdup(out);
}

/* Parse data/syllables.txt: "onsets:" then a word list, "rhymes:" then a word list. */
static void load(void)
{
	const struct embedded_file *f = embedded_find("data/syllables.txt");
	const char *s, *end, *line;
	int section = 0;

	if (!f)
		return;
	s = f->data;
	end = s + f->len;
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		if (!eol)
			eol = end;
		line = s;
		s = eol + 1;
		if (line[0] == '#')
			continue;
		if (starts_with(line, "onsets:")) {
			section = 1;
			line += 7;
		} else if (starts_with(line, "rhymes:")) {
			section = 2;
			line += 7;
		}
		if (section == 1)
			add_words(line, eol, inv.onsets, &inv.nonsets, 48);
		else if (section == 2)
			add_words(line, eol, inv.rhymes, &inv.nrhymes, MAX_PARTS);
	}
	for (section = 0; section < inv.nonsets; section++)
		inv.fonsets[section] = fold_ascii(inv.onsets[section]);
	for (section = 0; section < inv.nrhymes; section++) {
		inv.frhymes[section] = fold_ascii(inv.rhymes[section]);
		inv.lrhymes[section] = strlen(inv.rhymes[section]);
		inv.lfrhymes[section] = strlen(inv.frhymes[section]);
	}
}

static int in_list(char *const *list, const size_t *lens, int n, const char *s, size_t len)
{
	int i;
	for (i = 0; i < n; i++)
		if (lens[i] == len && memcmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

static int is_tone(UChar c)
{
	return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

int vn_syll_valid(const char *s, size_t n)
{
	UChar u[64], d[128], t[128], c[128];
	char r[256];
	int32_t nu = 0, nd, nt = 0, nc, nr = 0, i;
	int tone = 0, ntones = 0, k;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd, *nfc;

	pthread_once(&once, load);
	if (n == 0 || n > 40)
		return 0;
	u_strFromUTF8(u, 64, &nu, s, (int32_t)n, &st);
	nfd = unorm2_getNFDInstance(&st);
	nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		return 0;
	nd = unorm2_normalize(nfd, u, nu, d, 128, &st);
	if (U_FAILURE(st))
		return 0;
	for (i = 0; i < nd; i++) {
		if (is_tone(d[i])) {
			ntones++;
			tone = d[i];
		} else {
			t[nt++] = d[i];
		}
	}
	if (ntones > 1)
		return 0;
	nc = unorm2_normalize(nfc, t, nt, c, 128, &st);
	if (U_FAILURE(st))
		return 0;
	u_strToUTF8(r, (int32_t)sizeof(r), &nr, c, nc, &st);
	if (U_FAILURE(st) || nr <= 0)
		return 0;

	/* try every onset (and none) whose remainder is a rhyme */
	for (k = -1; k < inv.nonsets; k++) {
		size_t ol = k < 0 ? 0 : strlen(inv.onsets[k]);
		const char *rh = r + ol;
		size_t rl = (size_t)nr - ol;
		if (k >= 0 && (ol > (size_t)nr || memcmp(r, inv.onsets[k], ol) != 0))
			continue;
		if (!in_list(inv.rhymes, inv.lrhymes, inv.nrhymes, rh, rl))
			continue;
		/* a stop-closed rhyme takes only sắc (U+0301) or nặng (U+0323) */
		if ((rl >= 1 && (rh[rl - 1] == 'c' || rh[rl - 1] == 'p' || rh[rl - 1] == 't')) ||
		    (rl >= 2 && rh[rl - 2] == 'c' && rh[rl - 1] == 'h'))
			if (tone != 0x0301 && tone != 0x0323)
				continue;
		return 1;
	}
	return 0;
}

int vn_syll_plausible(const char *s, size_t n)
{
	int k;

	pthread_once(&once, load);
	for (k = -1; k < inv.nonsets; k++) {
		size_t ol = k < 0 ? 0 : strlen(inv.fonsets[k]);
		if (k >= 0 && (ol > n || memcmp(s, inv.fonsets[k], ol) != 0))
			continue;
		if (in_list(inv.frhymes, inv.lfrhymes, inv.nrhymes, s + ol, n - ol))
			return 1;
	}
	return 0;
}
