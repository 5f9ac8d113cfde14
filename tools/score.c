/*
 * score: accuracy of extracted text against a transcript, with the metric of
 * shared/legacy/PROVENANCE.md —
 *
 *   both sides NFC, whitespace runs collapsed to one space (and trimmed);
 *   char      matched characters of an alignment / characters of the transcript;
 *   diacritic of the transcript's characters that carry a diacritic (a combining mark under
 *             NFD, or đ/Đ), the share that come back exactly, the two texts aligned on base
 *             letters (marks stripped, đ -> d) and the original characters compared;
 *   syllable  whitespace tokens matching exactly / transcript tokens.
 *
 * char and syllable counts are exact longest common subsequences (bit-parallel LCS over
 * characters, over tokens). The diacritic alignment is on base letters: tokens first
 * (patience anchors, then Myers' O(ND) diff between them), then the characters in the gaps
 * between matched tokens; a gap too unlike to align within the edit budget counts its
 * diacritics as missed.
 *
 * usage: score [--fill] TRUTH HYP  prints one TSV line:
 *        chars_matched chars diacritics_matched diacritics tokens_matched tokens
 *        (an unreadable or empty HYP scores 0: the counts of the transcript with 0 matched)
 *
 * --fill (the OCR benchmark, every column alike: docs/ocr.md, "Fill"): on both sides, the
 * ellipsis U+2026 is three full stops (its Unicode compatibility decomposition), and a run
 * of three or more full stops, underscores or hyphens is fill, scored as a blank. A dotted
 * leader or ruled line is drawn to a width, not typed to a count: a transcript's
 * "tên:……………Năm" otherwise matches only an output with the same dots, `…` and `...` told
 * apart, and the words on either side are lost with the dots. Not the legacy corpus's
 * published metric (tests/cli/test_legacy.sh scores without it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#ifndef MAX_D
#define MAX_D 4000
#endif

struct text {
	UChar32 *c; /* characters, NFC, whitespace collapsed */
	UChar32 *b; /* base letters, same length */
	size_t n;
	size_t *tok; /* token start offsets into c */
	size_t *tlen;
	size_t ntok;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("score: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, k;

	*n = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (*n + 65536 > cap) {
			cap = (cap + 65536) * 2;
			p = realloc(p, cap);
			if (!p)
				exit(2);
		}
		k = fread(p + *n, 1, cap - *n, f);
		if (k == 0)
			break;
		*n += k;
	}
	fclose(f);
	return p;
}

static UChar32 base_of(const UNormalizer2 *nfd, UChar32 c)
{
	UChar s[4], d[16];
	int32_t ns = 0, nd;
	UErrorCode st = U_ZERO_ERROR;
	UChar32 b;

	if (c == 0x111)
		return 'd';
	if (c == 0x110)
		return 'D';
	U16_APPEND_UNSAFE(s, ns, c);
	nd = unorm2_normalize(nfd, s, ns, d, 16, &st);
	if (U_FAILURE(st) || nd == 0)
		return c;
	nd = 0;
	U16_NEXT_UNSAFE(d, nd, b);
	return b;
}

static int has_mark(const UNormalizer2 *nfd, UChar32 c)
{
	UChar s[4], d[16];
	int32_t ns = 0, nd, i = 0;
	UErrorCode st = U_ZERO_ERROR;

	if (c == 0x111 || c == 0x110)
		return 1;
	if (c < 0xC0)
		return 0;
	U16_APPEND_UNSAFE(s, ns, c);
	nd = unorm2_normalize(nfd, s, ns, d, 16, &st);
	while (i < nd) {
		UChar32 x;
		U16_NEXT_UNSAFE(d, i, x);
		if (u_getCombiningClass(x) != 0 || (x >= 0x300 && x <= 0x36F))
			return 1;
	}
	return 0;
}

static int fill_mode;

static int fill_char(UChar32 c)
{
	return c == '.' || c == '_' || c == '-';
}

/* --fill: c[0..n) with U+2026 spelled out as "...", and runs of three or more of the same
 * fill character turned to blanks; the new length (c has room for 3n). */
static size_t fill_blank(UChar32 *c, size_t n)
{
	size_t i, k, m = n;

	for (i = 0; i < n; i++)
		m += c[i] == 0x2026 ? 2 : 0;
	for (i = n, k = m; i-- > 0;) {
		if (c[i] == 0x2026) {
			c[--k] = '.';
			c[--k] = '.';
			c[--k] = '.';
		} else {
			c[--k] = c[i];
		}
	}
	for (i = 0; i < m;) {
		size_t j = i + 1;
		if (!fill_char(c[i])) {
			i++;
			continue;
		}
		while (j < m && c[j] == c[i])
			j++;
		if (j - i >= 3)
			for (k = i; k < j; k++)
				c[k] = ' ';
		i = j;
	}
	return m;
}

static int load(const char *path, struct text *t)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st), *nfd = unorm2_getNFDInstance(&st);
	size_t n8, i, cap, ncp = 0;
	char *s = slurp(path, &n8);
	UChar *u, *v;
	UChar32 *cp;
	int32_t nu, nv, k;
	int space = 1;

	memset(t, 0, sizeof(*t));
	if (!s || n8 == 0 || n8 > (size_t)1 << 28) {
		free(s);
		return -1;
	}
	u = xmalloc((n8 + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u, (int32_t)n8 + 1, &nu, s, (int32_t)n8, 0xFFFD, NULL, &st);
	free(s);
	v = xmalloc(((size_t)nu * 3 + 16) * sizeof(UChar));
	nv = unorm2_normalize(nfc, u, nu, v, nu * 3 + 16, &st);
	free(u);
	if (U_FAILURE(st)) {
		free(v);
		return -1;
	}
	cap = 3 * (size_t)nv + 1;
	t->c = xmalloc(cap * sizeof(UChar32));
	t->b = xmalloc(cap * sizeof(UChar32));
	t->tok = xmalloc(cap * sizeof(size_t));
	t->tlen = xmalloc(cap * sizeof(size_t));
	cp = xmalloc(cap * sizeof(UChar32));
	for (k = 0; k < nv;) {
		UChar32 c;
		U16_NEXT_UNSAFE(v, k, c);
		cp[ncp++] = c;
	}
	free(v);
	if (fill_mode)
		ncp = fill_blank(cp, ncp);
	for (i = 0; i < ncp; i++) {
		UChar32 c = cp[i];
		if (u_isUWhiteSpace(c) || c == 0xFEFF) {
			if (!space)
				t->c[t->n++] = ' ';
			space = 1;
			continue;
		}
		if (space)
			t->tok[t->ntok++] = t->n;
		space = 0;
		t->c[t->n++] = c;
	}
	free(cp);
	if (t->n && t->c[t->n - 1] == ' ')
		t->n--;
	for (i = 0; i < t->ntok; i++) {
		size_t e = t->tok[i];
		while (e < t->n && t->c[e] != ' ')
			e++;
		t->tlen[i] = e - t->tok[i];
	}
	for (i = 0; i < t->n; i++)
		t->b[i] = base_of(nfd, t->c[i]);
	return 0;
}

/*
 * Myers' greedy LCS of a[0..na) and b[0..nb) under eq(); matched pairs go to ma/mb (index
 * arrays of size min(na, nb)). Returns the number of pairs, or -1 past MAX_D edits.
 */
typedef int (*eq_fn)(const void *cx, size_t i, size_t j);

static long myers(const void *cx, eq_fn eq, size_t na, size_t nb, size_t *ma, size_t *mb)
{
	long max = (long)(na + nb), d, k, x, y, off;
	long lim = max < MAX_D ? max : MAX_D;
	long *v, **trace;
	long found = -1, npairs = 0;

	if (na == 0 || nb == 0)
		return 0;
	off = lim + 1;
	v = xmalloc((size_t)(2 * off + 1) * sizeof(long));
	memset(v, 0, (size_t)(2 * off + 1) * sizeof(long));
	trace = xmalloc((size_t)(lim + 1) * sizeof(long *));
	v[off + 1] = 0;
	for (d = 0; d <= lim && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < (long)na && y < (long)nb && eq(cx, (size_t)x, (size_t)y)) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (long)na && y >= (long)nb) {
				found = d;
				break;
			}
		}
		trace[d] = xmalloc((size_t)(2 * off + 1) * sizeof(long));
		memcpy(trace[d], v, (size_t)(2 * off + 1) * sizeof(long));
	}
	if (found < 0) {
		for (k = 0; k < d; k++)
			free(trace[k]);
		free(trace);
		free(v);
		return -1;
	}
	/* walk back: the diagonal runs (snakes) are the matches */
	x = (long)na;
	y = (long)nb;
	for (d = found; d > 0; d--) {
		long *w = trace[d - 1], pk, px, mx;
		k = x - y;
		if (k == -d || (k != d && w[off + k - 1] < w[off + k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = w[off + pk];
		mx = pk == k + 1 ? px : px + 1;
		while (x > mx) {
			x--;
			y--;
			ma[npairs] = (size_t)x;
			mb[npairs++] = (size_t)y;
		}
		x = px;
		y = px - pk;
	}
	while (x > 0 && y > 0) {
		x--;
		y--;
		ma[npairs] = (size_t)x;
		mb[npairs++] = (size_t)y;
	}
	for (d = 0; d <= found; d++)
		free(trace[d]);
	free(trace);
	free(v);
	/* pairs were collected backwards */
	for (k = 0; k < npairs / 2; k++) {
		size_t t = ma[k];
		ma[k] = ma[npairs - 1 - k];
		ma[npairs - 1 - k] = t;
		t = mb[k];
		mb[k] = mb[npairs - 1 - k];
		mb[npairs - 1 - k] = t;
	}
	return npairs;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/*
 * Exact LCS length of two symbol strings, bit-parallel (Hyyrö: V' = (V + (V & M)) | (V & ~M),
 * the LCS is the count of zero bits of V), with one match mask per distinct symbol of a.
 */
static size_t lcs_len(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t words = (na + 63) / 64, i, j, w, nsym = 0, len = 0;
	uint32_t *sym;
	uint64_t *masks, *v;

	if (na == 0 || nb == 0)
		return 0;
	sym = xmalloc(na * sizeof(uint32_t));
	memcpy(sym, a, na * sizeof(uint32_t));
	qsort(sym, na, sizeof(uint32_t), cmp_u32);
	for (i = 0; i < na; i++)
		if (i == 0 || sym[i] != sym[nsym - 1])
			sym[nsym++] = sym[i];
	masks = xmalloc(nsym * words * sizeof(uint64_t));
	memset(masks, 0, nsym * words * sizeof(uint64_t));
	for (i = 0; i < na; i++) {
		uint32_t *f = bsearch(&a[i], sym, nsym, sizeof(uint32_t), cmp_u32);
		masks[(size_t)(f - sym) * words + i / 64] |= (uint64_t)1 << (i % 64);
	}
	v = xmalloc(words * sizeof(uint64_t));
	memset(v, 0xFF, words * sizeof(uint64_t));
	for (j = 0; j < nb; j++) {
		uint32_t *f = bsearch(&b[j], sym, nsym, sizeof(uint32_t), cmp_u32);
		const uint64_t *m;
		unsigned carry = 0;
		if (!f)
			continue;
		m = masks + (size_t)(f - sym) * words;
		for (w = 0; w < words; w++) {
			uint64_t u = v[w] & m[w], sum = v[w] + u, sum2 = sum + carry;
			unsigned c2 = (sum < v[w]) || (sum2 < sum);
			v[w] = sum2 | (v[w] & ~m[w]);
			carry = c2;
		}
	}
	for (i = 0; i < na; i++)
		len += !((v[i / 64] >> (i % 64)) & 1);
	free(v);
	free(masks);
	free(sym);
	return len;
}

/* token ids: equal tokens (of either text) get equal ids */
static uint32_t tok_hash(const UChar32 *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (uint32_t)s[i]) * 16777619u;
	return h;
}

static void token_ids(const struct text *t, const struct text *h, int base, uint32_t *it,
                      uint32_t *ih)
{
	size_t cap = 1, n = t->ntok + h->ntok, i, k;
	const struct text *src[2] = {t, h};
	uint32_t *out[2] = {it, ih}, next = 1;
	struct slot {
		const UChar32 *s;
		size_t n;
		uint32_t id;
	} * tab;

	while (cap < 2 * n + 2)
		cap *= 2;
	tab = xmalloc(cap * sizeof(*tab));
	memset(tab, 0, cap * sizeof(*tab));
	for (k = 0; k < 2; k++)
		for (i = 0; i < src[k]->ntok; i++) {
			const UChar32 *s = (base ? src[k]->b : src[k]->c) + src[k]->tok[i];
			size_t len = src[k]->tlen[i], pos = tok_hash(s, len) & (cap - 1);
			while (tab[pos].id &&
			       (tab[pos].n != len || memcmp(tab[pos].s, s, len * sizeof(UChar32))))
				pos = (pos + 1) & (cap - 1);
			if (!tab[pos].id) {
				tab[pos].s = s;
				tab[pos].n = len;
				tab[pos].id = next++;
			}
			out[k][i] = tab[pos].id;
		}
	free(tab);
}

struct id_cx {
	const uint32_t *a, *b;
};

static int id_eq(const void *p, size_t i, size_t j)
{
	const struct id_cx *cx = p;
	return cx->a[i] == cx->b[j];
}

/*
 * Matched token pairs: tokens that occur exactly once in each text and keep their order
 * (patience diff) anchor the alignment, so a truncated or shuffled output still aligns;
 * Myers aligns the tokens between anchors.
 */
static long match_tokens(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t *ma,
                         size_t *mb)
{
	uint32_t maxid = 0;
	size_t i, j, nu = 0, nl = 0, *ua, *ub, *tail, *prev, *ca, *cb, nanch = 0, pa = 0, pb = 0, k;
	unsigned char *cnt;
	long np = 0;

	for (i = 0; i < na; i++)
		maxid = a[i] > maxid ? a[i] : maxid;
	for (j = 0; j < nb; j++)
		maxid = b[j] > maxid ? b[j] : maxid;
	cnt = xmalloc((size_t)maxid + 1);
	memset(cnt, 0, (size_t)maxid + 1);
	/* low 2 bits: count in a (0, 1, 2+); high 2 bits: count in b */
	for (i = 0; i < na; i++)
		if ((cnt[a[i]] & 3) < 2)
			cnt[a[i]]++;
	for (j = 0; j < nb; j++)
		if ((cnt[b[j]] >> 2) < 2)
			cnt[b[j]] += 4;
	ua = xmalloc((na + 1) * sizeof(size_t));
	ub = xmalloc((na + 1) * sizeof(size_t));
	{
		size_t *where = xmalloc(((size_t)maxid + 1) * sizeof(size_t));
		for (j = 0; j < nb; j++)
			if (cnt[b[j]] == 5)
				where[b[j]] = j;
		for (i = 0; i < na; i++)
			if (cnt[a[i]] == 5) {
				ua[nu] = i;
				ub[nu++] = where[a[i]];
			}
		free(where);
	}
	/* longest increasing subsequence of ub */
	tail = xmalloc((nu + 1) * sizeof(size_t));
	prev = xmalloc((nu + 1) * sizeof(size_t));
	for (i = 0; i < nu; i++) {
		size_t lo = 0, hi = nl;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (ub[tail[mid]] < ub[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tail[lo - 1] : (size_t)-1;
		tail[lo] = i;
		if (lo == nl)
			nl++;
	}
	ca = xmalloc((nl + 1) * sizeof(size_t));
	cb = xmalloc((nl + 1) * sizeof(size_t));
	for (k = nl ? tail[nl - 1] : (size_t)-1, nanch = nl; nanch > 0; k = prev[k]) {
		nanch--;
		ca[nanch] = ua[k];
		cb[nanch] = ub[k];
	}
	nanch = nl;
	for (k = 0; k <= nanch; k++) {
		size_t ea = k < nanch ? ca[k] : na, eb = k < nanch ? cb[k] : nb;
		struct id_cx cx = {a + pa, b + pb};
		long g = myers(&cx, id_eq, ea - pa, eb - pb, ma + np, mb + np), q;
		for (q = 0; q < g; q++) {
			ma[np + q] += pa;
			mb[np + q] += pb;
		}
		np += g > 0 ? g : 0;
		if (k < nanch) {
			ma[np] = ca[k];
			mb[np++] = cb[k];
			pa = ca[k] + 1;
			pb = cb[k] + 1;
		}
	}
	free(cnt);
	free(ua);
	free(ub);
	free(tail);
	free(prev);
	free(ca);
	free(cb);
	return np;
}

struct chr_cx {
	const UChar32 *a, *b;
};

static int chr_eq(const void *p, size_t i, size_t j)
{
	const struct chr_cx *cx = p;
	return cx->a[i] == cx->b[j];
}

/*
 * Align t and h (exact or on base letters); count matched characters, and (base) matched
 * diacritic characters of t.
 */
static void align(const struct text *t, const struct text *h, int base, size_t *chars,
                  size_t *marks, size_t *toks, const UNormalizer2 *nfd)
{
	size_t cap = t->ntok < h->ntok ? t->ntok : h->ntok;
	size_t *ma = xmalloc((cap + 1) * sizeof(size_t)), *mb = xmalloc((cap + 1) * sizeof(size_t));
	uint32_t *it = xmalloc((t->ntok + 1) * sizeof(uint32_t));
	uint32_t *ih = xmalloc((h->ntok + 1) * sizeof(uint32_t));
	long np, p;

	token_ids(t, h, base, it, ih);
	np = match_tokens(it, t->ntok, ih, h->ntok, ma, mb);
	free(it);
	free(ih);
	size_t ti = 0, hi = 0; /* character positions after the last anchor */
	const UChar32 *ta = base ? t->b : t->c, *ha = base ? h->b : h->c;

	*chars = *marks = *toks = 0;
	for (p = 0; p <= np; p++) {
		size_t te = p < np ? t->tok[ma[p]] : t->n, he = p < np ? h->tok[mb[p]] : h->n;
		size_t gn = te - ti, hn = he - hi;
		/* the gap t[ti..te) vs h[hi..he) */
		if (gn && hn) {
			struct chr_cx cc = {ta + ti, ha + hi};
			size_t gc = gn < hn ? gn : hn;
			size_t *ga = xmalloc((gc + 1) * sizeof(size_t)),
			       *gb = xmalloc((gc + 1) * sizeof(size_t));
			long gp = (gn + hn > 400000) ? -1 : myers(&cc, chr_eq, gn, hn, ga, gb), q;
			for (q = 0; q < gp; q++) {
				(*chars)++;
				if (base && has_mark(nfd, t->c[ti + ga[q]]) &&
				    t->c[ti + ga[q]] == h->c[hi + gb[q]])
					(*marks)++;
			}
			free(ga);
			free(gb);
		}
		if (p < np) {
			size_t k, len = t->tlen[ma[p]];
			(*toks)++;
			for (k = 0; k < len; k++) {
				size_t a = t->tok[ma[p]] + k, b = h->tok[mb[p]] + k;
				(*chars)++;
				if (base && has_mark(nfd, t->c[a]) && t->c[a] == h->c[b])
					(*marks)++;
			}
			ti = t->tok[ma[p]] + len;
			hi = h->tok[mb[p]] + len;
		}
	}
	free(ma);
	free(mb);
}

int main(int argc, char **argv)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	struct text t, h;
	size_t chars = 0, marks = 0, toks = 0, nmarks = 0, i, dummy, dummy2;

	_Static_assert(sizeof(UChar32) == sizeof(uint32_t), "code points are 32-bit");

	if (argc == 4 && strcmp(argv[1], "--fill") == 0) {
		fill_mode = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fputs("usage: score [--fill] TRUTH HYP\n", stderr);
		return 2;
	}
	if (load(argv[1], &t) != 0) {
		fprintf(stderr, "score: cannot read transcript %s\n", argv[1]);
		return 2;
	}
	for (i = 0; i < t.n; i++)
		nmarks += (size_t)has_mark(nfd, t.c[i]);
	if (load(argv[2], &h) == 0) {
		uint32_t *it = xmalloc((t.ntok + 1) * sizeof(uint32_t));
		uint32_t *ih = xmalloc((h.ntok + 1) * sizeof(uint32_t));
		chars = lcs_len((const uint32_t *)t.c, t.n, (const uint32_t *)h.c, h.n);
		token_ids(&t, &h, 0, it, ih);
		toks = lcs_len(it, t.ntok, ih, h.ntok);
		align(&t, &h, 1, &dummy, &marks, &dummy2, nfd);
		free(it);
		free(ih);
	}
	printf("%zu\t%zu\t%zu\t%zu\t%zu\t%zu\n", chars, t.n, marks, nmarks, toks, t.ntok);
	return 0;
}
