#include "world.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "noise.h"

static struct province *provs;
static int nprovs;
static struct bloc *blocs;
static int nblocs;
static struct sector *sectors;
static int nsectors;

static char *utf8_case(const char *s, int upper)
{
	UErrorCode st = U_ZERO_ERROR;
	UCaseMap *cm = ucasemap_open("vi", 0, &st);
	size_t cap = strlen(s) * 3 + 16;
	char *out = xmalloc(cap);
	int32_t n;

	n = upper ? ucasemap_utf8ToUpper(cm, out, (int32_t)cap, s, -1, &st)
	          : ucasemap_utf8ToLower(cm, out, (int32_t)cap, s, -1, &st);
	ucasemap_close(cm);
	if (U_FAILURE(st) || n < 0) {
		free(out);
		return xstrdup(s);
	}
	out[n] = 0;
	return out;
}

char *utf8_upper(const char *s)
{
	return utf8_case(s, 1);
}

char *utf8_lower(const char *s)
{
	return utf8_case(s, 0);
}

void slugify(const char *s, char *out, size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar src[256], dst[512];
	int32_t n, m, i;
	size_t o = 0;
	int dash = 0;

	u_strFromUTF8(src, 256, &n, s, -1, &st);
	m = unorm2_normalize(nfd, src, n, dst, 512, &st);
	if (U_FAILURE(st))
		m = 0;
	for (i = 0; i < m && o + 2 < cap; i++) {
		UChar ch = dst[i];
		if (ch == 0x111 || ch == 0x110)
			ch = 'd';
		if (ch >= 'A' && ch <= 'Z')
			ch = (UChar)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (dash && o)
				out[o++] = '-';
			dash = 0;
			out[o++] = (char)ch;
		} else if (ch < 0x300 || ch > 0x36f) {
			dash = 1;
		}
	}
	out[o] = 0;
}

/* "huyện Na Hang" -> "Na Hang": the name without its kind word(s) */
static const char *district_name(const char *d)
{
	static const char *kinds[] = {"thành phố ", "thị xã ", "huyện ", "quận "};
	size_t i;

	if (!d)
		return "";
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (starts_with(d, kinds[i]))
			return d + strlen(kinds[i]);
	return d;
}

char *expand_names(const char *pat, const struct province *p, const char *district)
{
	struct buf b = BUF_INIT;
	const char *s = pat;

	while (*s) {
		if (*s == '{') {
			const char *e = strchr(s, '}');
			size_t n = e ? (size_t)(e - s - 1) : 0;
			char *up = NULL;
			if (e && n == 1 && s[1] == 'P')
				buf_adds(&b, p->name);
			else if (e && n == 4 && memcmp(s + 1, "tinh", 4) == 0)
				buf_adds(&b, p->level);
			else if (e && n == 4 && memcmp(s + 1, "TINH", 4) == 0)
				buf_adds(&b, (up = utf8_upper(p->level)));
			else if (e && n == 2 && memcmp(s + 1, "PU", 2) == 0)
				buf_adds(&b, (up = utf8_upper(p->name)));
			else if (e && n == 2 && memcmp(s + 1, "Tx", 2) == 0)
				buf_adds(&b, strcmp(p->level, "tỉnh") == 0 ? "Tỉnh" : "Thành");
			else if (e && n == 2 && memcmp(s + 1, "TX", 2) == 0)
				buf_adds(&b, strcmp(p->level, "tỉnh") == 0 ? "TỈNH" : "THÀNH");
			else if (e && n == 1 && s[1] == 'D')
				buf_adds(&b, district ? district : "");
			else if (e && n == 2 && memcmp(s + 1, "DU", 2) == 0)
				buf_adds(&b, (up = utf8_upper(district ? district : "")));
			else if (e && n == 2 && memcmp(s + 1, "Dn", 2) == 0)
				buf_adds(&b, district_name(district));
			else if (e && n == 3 && memcmp(s + 1, "DnU", 3) == 0)
				buf_adds(&b, (up = utf8_upper(district_name(district))));
			else
				e = NULL;
			free(up);
			if (e) {
				s = e + 1;
				continue;
			}
		}
		buf_addc(&b, *s++);
	}
	return buf_detach(&b);
}

static char **split(const char *s, char sep, int *n)
{
	char **v = NULL;
	int k = 0;

	while (*s) {
		const char *e = strchr(s, sep);
		size_t len = e ? (size_t)(e - s) : strlen(s);
		while (len && *s == ' ')
			s++, len--;
		v = xrealloc(v, (size_t)(k + 1) * sizeof(*v));
		v[k++] = xstrndup(s, len);
		if (!e)
			break;
		s = e + 1;
	}
	*n = k;
	return v;
}

int world_load(struct err *e)
{
	const struct gtable *t;
	size_t i;

	t = gdata("provinces.tsv");
	provs = xcalloc(t->nrows, sizeof(*provs));
	for (i = 0; i < t->nrows; i++) {
		struct province *p = &provs[nprovs];
		const struct grow *r = &t->rows[i];
		p->name = gf(r, 0);
		p->level = gf(r, 1);
		p->place = gf(r, 2);
		p->border = atoi(gf(r, 3));
		p->districts = split(gf(r, 4), ';', &p->ndistricts);
		if (p->ndistricts < 4)
			return err_set(
			    e, "corpus/gen/data/provinces.tsv:%d: fewer than 4 districts", r->line);
		slugify(p->name, p->slug, sizeof(p->slug));
		p->idx = nprovs++;
	}
	t = gdata("blocs.tsv");
	blocs = xcalloc(t->nrows, sizeof(*blocs));
	for (i = 0; i < t->nrows; i++) {
		struct bloc *b = &blocs[nblocs];
		b->id = gf(&t->rows[i], 0);
		b->name = gf(&t->rows[i], 1);
		b->code = gf(&t->rows[i], 2);
		b->upper = gf(&t->rows[i], 3);
		b->part = atoi(gf(&t->rows[i], 4));
		b->idx = nblocs++;
	}
	t = gdata("sectors.tsv");
	sectors = xcalloc(t->nrows, sizeof(*sectors));
	for (i = 0; i < t->nrows; i++) {
		sectors[nsectors].row = &t->rows[i];
		sectors[nsectors].id = gf(&t->rows[i], 0);
		nsectors++;
	}
	t = gdata("units.tsv");
	for (i = 0; i < t->nrows; i++) {
		const struct grow *r = &t->rows[i];
		int b, found = 0;
		if (!world_sector(gf(r, 4)))
			return err_set(e, "corpus/gen/data/units.tsv:%d: unknown sector '%s'",
			               r->line, gf(r, 4));
		for (b = 0; b < nblocs; b++)
			found |= strcmp(blocs[b].id, gf(r, 0)) == 0;
		if (!found)
			return err_set(e, "corpus/gen/data/units.tsv:%d: unknown bloc '%s'",
			               r->line, gf(r, 0));
	}
	return 0;
}

void world_free(void)
{
	int i, k;

	for (i = 0; i < nprovs; i++) {
		for (k = 0; k < provs[i].ndistricts; k++)
			free(provs[i].districts[k]);
		free(provs[i].districts);
	}
	free(provs);
	free(blocs);
	free(sectors);
	provs = NULL;
	blocs = NULL;
	sectors = NULL;
	nprovs = nblocs = nsectors = 0;
}

int world_nprovinces(void)
{
	return nprovs;
}

const struct province *world_province(int i)
{
	return &provs[i];
}

int world_nblocs(void)
{
	return nblocs;
}

const struct bloc *world_bloc(int i)
{
	return &blocs[i];
}

const struct sector *world_sector(const char *id)
{
	int i;

	for (i = 0; i < nsectors; i++)
		if (strcmp(sectors[i].id, id) == 0)
			return &sectors[i];
	return NULL;
}

int unit_member(const struct unit *u, int y)
{
	return y >= u->join && y < u->leave;
}

static void add_unit(struct blocworld *bw, int *cap, const struct grow *r, const char *district)
{
	const struct province *p = bw->prov;
	struct unit *u;
	char **forms;
	int nforms, k;

	if (bw->nunits == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		bw->units = xrealloc(bw->units, (size_t)*cap * sizeof(*bw->units));
	}
	u = &bw->units[bw->nunits++];
	memset(u, 0, sizeof(*u));
	u->canon = expand_names(gf(r, 1), p, district);
	u->full = expand_names(gf(r, 2), p, district);
	forms = split(gf(r, 3), '|', &nforms);
	u->forms = xcalloc((size_t)nforms + 1, sizeof(*u->forms));
	for (k = 0; k < nforms; k++) {
		u->forms[k] = expand_names(forms[k], p, district);
		free(forms[k]);
	}
	free(forms);
	u->nforms = nforms;
	if (!nforms) {
		u->forms[0] = xstrdup(u->canon);
		u->nforms = 1;
	}
	u->sec = world_sector(gf(r, 4));
	u->size = atoi(gf(r, 5));
	if (u->size < 1)
		u->size = 1;
	u->head_canon = expand_names(gf(r, 6), p, district);
	u->head_written = expand_names(gf(r, 7), p, district);
	u->signer_role = expand_names(gf(r, 8), p, district);
	u->district = district ? xstrdup(district) : NULL;
	u->join = atoi(gf(r, 10));
	u->leave = atoi(gf(r, 11)) + 1;
	if (u->join < WORLD_FIRST_YEAR)
		u->join = WORLD_FIRST_YEAR;
	if (u->leave <= 1 || u->leave > WORLD_LAST_YEAR + 1)
		u->leave = WORLD_LAST_YEAR + 1;
	/* column 9: 1 = a core member for its whole life, 0 = comes and goes */
	u->gap = atoi(gf(r, 9)); /* temporarily: the core flag */
}

static int members_in(const struct blocworld *bw, int y)
{
	int i, n = 0;
	for (i = 0; i < bw->nunits; i++)
		n += unit_member(&bw->units[i], y);
	return n;
}

struct blocworld *blocworld_new(uint64_t seed, const struct province *p, const struct bloc *b)
{
	struct blocworld *bw = xcalloc(1, sizeof(*bw));
	const struct gtable *t = gdata("units.tsv");
	struct rng r;
	int cap = 0, i, y;
	size_t k;

	bw->prov = p;
	bw->bloc = b;
	rng_init(&r, seed, "world", p->idx, b->idx, 0);
	bw->issuer_seed = (int)rng_below(&r, 1000);
	for (k = 0; k < t->nrows; k++) {
		const struct grow *row = &t->rows[k];
		const char *canon = gf(row, 1);
		if (strcmp(gf(row, 0), b->id) != 0)
			continue;
		if (strcmp(gf(row, 4), "bp") == 0 && !p->border)
			continue;
		if (strstr(canon, "{D")) {
			/* one unit per district; blocs with a part split the districts in halves */
			int half = (p->ndistricts + 1) / 2, lo = 0, hi = p->ndistricts, d;
			if (b->part == 1)
				hi = half;
			else if (b->part == 2)
				lo = half;
			for (d = lo; d < hi; d++)
				add_unit(bw, &cap, row, p->districts[d]);
		} else {
			add_unit(bw, &cap, row, NULL);
		}
	}
	/* membership: core units stay for their lifetime (now and then one moves to another
	 * bloc for good); the others join or leave once */
	for (i = 0; i < bw->nunits; i++) {
		struct unit *u = &bw->units[i];
		int core = u->gap;
		u->gap = 0;
		if (core) {
			if (rng_chance(&r, 0.08))
				u->leave = (int)rng_range(&r, 2003, 2024);
		} else {
			double x = rng_unit(&r);
			if (x < 0.3)
				u->join = (int)rng_range(&r, u->join > 2001 ? u->join : 2001, 2024);
			else if (x < 0.55)
				u->leave = (int)rng_range(&r, 2002, 2024);
			else if (x < 0.6)
				u->leave = u->join; /* never a member in this province */
		}
		if (u->leave <= u->join)
			u->leave = u->join;
	}
	/* every report needs at least five members: bring back the longest-lived leavers */
	for (y = 2000; y <= 2025; y++) {
		while (members_in(bw, y) < 5) {
			int best = -1;
			for (i = 0; i < bw->nunits; i++) {
				struct unit *u = &bw->units[i];
				if (unit_member(u, y) || u->join > y)
					continue;
				if (best < 0 || u->leave > bw->units[best].leave)
					best = i;
			}
			if (best < 0)
				break;
			bw->units[best].leave = WORLD_LAST_YEAR + 1;
		}
	}
	/* a planted gap in one bloc in four: present the year before and after, absent from
	 * that year's report */
	if (rng_chance(&r, 0.25)) {
		int tries;
		for (tries = 0; tries < 20; tries++) {
			struct unit *u = &bw->units[rng_below(&r, (uint32_t)bw->nunits)];
			y = (int)rng_range(&r, 2001, 2024);
			if (unit_member(u, y - 1) && unit_member(u, y) && unit_member(u, y + 1) &&
			    members_in(bw, y) > 4) {
				u->gap = y;
				break;
			}
		}
	}
	return bw;
}

void blocworld_free(struct blocworld *bw)
{
	int i, k;

	if (!bw)
		return;
	for (i = 0; i < bw->nunits; i++) {
		struct unit *u = &bw->units[i];
		free(u->canon);
		free(u->full);
		for (k = 0; k < u->nforms; k++)
			free(u->forms[k]);
		free(u->forms);
		free(u->head_canon);
		free(u->head_written);
		free(u->signer_role);
		free(u->district);
	}
	free(bw->units);
	free(bw);
}
