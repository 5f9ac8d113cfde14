/*
 * thidua-gen: a synthetic corpus of Vietnamese emulation reports for testing and
 * benchmarking thidua, deterministic from a seed. See docs/corpus.md.
 *
 *   thidua-gen [--out DIR] [--seed N] [--provinces N] [--blocs N] [--years Y1-Y2]
 *              [--formats LIST] [--mix SPEC] [--inconsistencies P] [--duplicates P]
 *              [--preset small|national] [--check] [--quiet]
 *
 * Output: DIR/docs/<province>/synthetic-*.{txt,rtf,docx}, DIR/truth/<province>/
 * synthetic-*.truth.json, DIR/synthetic-manifest.tsv and DIR/synthetic-world.json.
 * Documents are written one at a time, so memory stays flat whatever the scale.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compose.h"
#include "gdata.h"
#include "json.h"
#include "legacy.h"
#include "noise.h"
#include "out.h"
#include "render.h"
#include "report.h"
#include "tpl.h"
#include "truth.h"
#include "world.h"

struct mixrow {
	int from, to;
	double w[F_NFORMATS];
};

struct opts {
	const char *out;
	uint64_t seed;
	int provinces, blocs, y1, y2;
	int allowed[F_NFORMATS];
	struct mixrow mix[32];
	int nmix;
	double incons, dups;
	int check, quiet, no_truth;
};

struct stats {
	long long docs, bytes, truth_bytes, per_format[F_NFORMATS], incons, dups;
	int problems;
};

static const char usage[] =
    "usage: thidua-gen [--out DIR] [--seed N] [--provinces N] [--blocs N] [--years Y1-Y2]\n"
    "                  [--formats LIST] [--mix SPEC] [--inconsistencies P] [--duplicates P]\n"
    "                  [--preset small|national] [--check] [--no-truth] [--quiet]\n"
    "  formats: txt tcvn3 vni rtf docx docx-tcvn3 (comma list; default all)\n"
    "  mix: Y1-Y2:fmt=w,fmt=w;Y1-Y2:... (default corpus/gen/data/formats.tsv)\n";

static int parse_mix_row(const char *spec, struct mixrow *m, struct err *e)
{
	const char *p = spec;

	memset(m, 0, sizeof(*m));
	if (sscanf(p, "%d-%d", &m->from, &m->to) != 2)
		return err_set(e, "--mix: '%s': expected Y1-Y2:fmt=w,...", spec);
	p = strchr(p, ':');
	while (p && *++p) {
		char name[32];
		double w;
		int n = 0, f;
		if (sscanf(p, "%31[a-z0-9-]=%lf%n", name, &w, &n) != 2)
			return err_set(e, "--mix: '%s': expected fmt=weight", p);
		f = fmt_parse(name);
		if (f < 0)
			return err_set(e, "--mix: unknown format '%s'", name);
		m->w[f] = w;
		p = strchr(p + n, ',');
	}
	return 0;
}

static int parse_mix(const char *spec, struct opts *o, struct err *e)
{
	char *copy = xstrdup(spec), *save = NULL, *tok;

	o->nmix = 0;
	for (tok = strtok_r(copy, ";", &save); tok && o->nmix < 32;
	     tok = strtok_r(NULL, ";", &save))
		if (parse_mix_row(tok, &o->mix[o->nmix++], e) != 0) {
			free(copy);
			return -1;
		}
	free(copy);
	return 0;
}

static int default_mix(struct opts *o, struct err *e)
{
	const struct gtable *t = gdata("formats.tsv");
	size_t i;

	o->nmix = 0;
	for (i = 0; i < t->nrows && o->nmix < 32; i++) {
		char spec[256];
		snprintf(spec, sizeof(spec), "%s-%s:%s", gf(&t->rows[i], 0), gf(&t->rows[i], 1),
		         gf(&t->rows[i], 2));
		if (parse_mix_row(spec, &o->mix[o->nmix++], e) != 0)
			return -1;
	}
	return 0;
}

static int pick_format(const struct opts *o, int year, struct rng *r)
{
	double w[F_NFORMATS] = {0};
	int i, f, any = 0;

	for (i = 0; i < o->nmix; i++)
		if (year >= o->mix[i].from && year <= o->mix[i].to)
			for (f = 0; f < F_NFORMATS; f++)
				w[f] = o->mix[i].w[f];
	for (f = 0; f < F_NFORMATS; f++) {
		if (!o->allowed[f])
			w[f] = 0;
		any |= w[f] > 0;
	}
	if (!any) /* nothing allowed has weight this year: the first allowed format */
		for (f = 0; f < F_NFORMATS; f++)
			if (o->allowed[f])
				return f;
	return (int)rng_weighted(r, w, F_NFORMATS);
}

static int mkdirs(const char *path, struct err *e)
{
	char tmp[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof(tmp))
		return err_set(e, "%s: path too long", path);
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++)
		if (tmp[i] == '/' || tmp[i] == 0) {
			char c = tmp[i];
			tmp[i] = 0;
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				return err_set(e, "%s: %s", tmp, strerror(errno));
			tmp[i] = c;
		}
	return 0;
}

static int write_file(const char *path, const void *data, size_t n, struct err *e)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (fwrite(data, 1, n, f) != n) {
		fclose(f);
		return err_set(e, "%s: write failed: %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

/* The document's bytes in format f; fills the parts of info that depend on it. */
static int produce(struct ctx *c, int f, struct rng *lr, struct docinfo *info, struct buf *out,
                   struct err *e)
{
	struct render_opts ro;
	struct buf text = BUF_INIT;
	int rc = 0;
	static const char *marker_names[MK_NSTYLES] = {"mixed", "paren-superscript", "superscript",
	                                               "bracket", "paren"};

	memset(&ro, 0, sizeof(ro));
	ro.page_min = 3800;
	ro.page_max = 5600;
	ro.residue = rng_chance(lr, 0.75);
	info->residue = ro.residue;
	info->footnotes = "displaced";
	info->format = fmt_ext[f];
	info->encoding = "utf-8";
	if (f == F_RTF || f == F_DOCX || f == F_DOCX_TCVN3) {
		info->footnotes = "native";
		info->residue = 0;
		info->marker = NULL;
		if (f == F_RTF) {
			info->encoding = "tcvn3";
			return write_rtf(c, out, e);
		}
		info->encoding = f == F_DOCX ? "utf-8" : "tcvn3";
		return write_docx(c, f == F_DOCX_TCVN3, out, e);
	}
	if (f == F_TXT)
		ro.marker =
		    (enum marker_style)rng_weighted(lr, (double[]){4, 2, 2, 1, 1}, MK_NSTYLES);
	else
		ro.marker = rng_chance(lr, 0.5) ? MK_PAREN : MK_BRACKET;
	info->marker = marker_names[ro.marker];
	render_text(c, &ro, lr, &text);
	if (f == F_TCVN3 || f == F_VNI) {
		info->encoding = f == F_TCVN3 ? "tcvn3" : "vni";
		rc = legacy_encode(f == F_TCVN3 ? VN_CS_TCVN3 : VN_CS_VNI, text.p, text.n, out, e);
	} else {
		double x = rng_unit(lr);
		if (x < 0.05) {
			info->nfd = 1;
			utf8_nfd(text.p, text.n, out);
		} else {
			if (x < 0.09) {
				info->bom = 1;
				buf_adds(out, "\xEF\xBB\xBF");
			}
			if (x >= 0.09 && x < 0.13) {
				size_t i;
				info->crlf = 1;
				for (i = 0; i < text.n; i++) {
					if (text.p[i] == '\n')
						buf_addc(out, '\r');
					buf_addc(out, text.p[i]);
				}
			} else {
				buf_add(out, text.p, text.n);
			}
		}
	}
	buf_free(&text);
	return rc;
}

/* Which inconsistencies this document gets */
static void plan(const struct opts *o, struct ctx *c, int p, int b, int y)
{
	struct rng r;
	int n = 0, k;

	rng_init(&r, o->seed, "plant", p, b, y);
	memset(c->planted, 0, sizeof(c->planted));
	if (rng_chance(&r, o->incons))
		n = rng_chance(&r, 0.2) ? 2 : 1;
	for (k = 0; k < n; k++)
		c->planted[rng_below(&r, INC_NKINDS)] = 1;
}

struct run {
	struct opts *o;
	struct stats *st;
	FILE *manifest;
	struct err *e;
};

static int emit_doc(struct run *R, struct ctx *c, const char *stem, int f, struct rng *lr,
                    const char *dup_of, const char *dup_kind)
{
	const struct opts *o = R->o;
	char rel[512], trel[512], path[4096];
	struct docinfo info;
	struct buf bytes = BUF_INIT, truth = BUF_INIT;
	int rc = 0;

	memset(&info, 0, sizeof(info));
	info.seed = o->seed;
	snprintf(rel, sizeof(rel), "docs/%s/%s.%s", c->prov->slug, stem, fmt_ext[f]);
	snprintf(trel, sizeof(trel), "truth/%s/%s.truth.json", c->prov->slug, stem);
	info.path = rel;
	info.name = strrchr(rel, '/') + 1;
	info.duplicate_of = dup_of;
	info.duplicate_kind = dup_kind;
	if (produce(c, f, lr, &info, &bytes, R->e) != 0)
		return err_prefix(R->e, "%s", rel);
	if (dup_of) {
		struct incons *in = doc_incons(c->d, "duplicate_document");
		in->para = -1;
		in->detail = doc_printf(c->d, "\"of\":\"%s\",\"same\":\"%s\"", dup_of, dup_kind);
	}
	snprintf(path, sizeof(path), "%s/%s", o->out, rel);
	rc = write_file(path, bytes.p, bytes.n, R->e);
	if (!o->no_truth) {
		truth_write(c, &info, &truth);
		snprintf(path, sizeof(path), "%s/%s", o->out, trel);
		if (!rc)
			rc = write_file(path, truth.p, truth.n, R->e);
	}
	if (o->no_truth)
		trel[0] = 0;
	if (!rc)
		fprintf(R->manifest, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%zu\t%s\t%s\n", rel, trel,
		        c->prov->name, c->bloc->name, c->year, info.format, info.encoding, bytes.n,
		        c->hd.numstr, dup_of ? dup_of : "");
	R->st->docs++;
	R->st->bytes += (long long)bytes.n;
	R->st->truth_bytes += (long long)truth.n;
	R->st->per_format[f]++;
	R->st->incons += (long long)c->d->nincons;
	buf_free(&bytes);
	buf_free(&truth);
	return rc;
}

/* The bloc's members missing from its report of year y (a unit that left for that year
 * only), recorded in the truth of d: of the report and of a revised version of it alike. */
static void plant_gaps(const struct opts *o, const struct blocworld *bw, int y, struct doc *d)
{
	int i;

	for (i = 0; i < bw->nunits; i++)
		if (bw->units[i].gap == y && y - 1 >= o->y1 && y + 1 <= o->y2) {
			struct incons *in = doc_incons(d, "unit_gap");
			in->para = -1;
			in->detail = doc_printf(d, "\"unit\":\"%s\",\"years\":[%d,%d]",
			                        bw->units[i].canon, y - 1, y + 1);
		}
}

/* One report (and its planted duplicates) of bloc world bw for year y. */
static int one(struct run *R, struct blocworld *bw, int y)
{
	const struct opts *o = R->o;
	const struct province *p = bw->prov;
	const struct bloc *b = bw->bloc;
	struct ctx c;
	struct rng fr, lr, dr;
	int members[256], nm = 0, i, f, rc = 0;
	char stem[256];

	for (i = 0; i < bw->nunits && nm < 256; i++)
		if (unit_member(&bw->units[i], y) && bw->units[i].gap != y)
			members[nm++] = i;
	memset(&c, 0, sizeof(c));
	c.seed = o->seed;
	c.bw = bw;
	c.prov = p;
	c.bloc = b;
	c.year = y;
	c.members = members;
	c.nmembers = nm;
	c.span_years[0] = o->y1;
	c.span_years[1] = o->y2;
	rng_init(&c.r, o->seed, "content", p->idx, b->idx, y);
	plan(o, &c, p->idx, b->idx, y);
	c.d = doc_new();
	report_compose(&c);
	plant_gaps(o, bw, y, c.d);
	if (o->check) {
		struct err ce;
		int bad = truth_check(&c, &ce);
		if (bad) {
			fprintf(stderr, "thidua-gen: check: %s %d %s: %s\n", p->name, y, b->id,
			        ce.msg);
			R->st->problems += bad;
		}
	}
	rng_init(&fr, o->seed, "format", p->idx, b->idx, y);
	f = pick_format(o, y, &fr);
	rng_init(&lr, o->seed, "layout", p->idx, b->idx, y);
	snprintf(stem, sizeof(stem), "synthetic-%s-%d-%s", p->slug, y, b->id);
	rc = emit_doc(R, &c, stem, f, &lr, NULL, NULL);
	/* planted duplicates: the same text under a second name, or another text under the
	 * same number and date (a corrected version sent again) */
	rng_init(&dr, o->seed, "duplicate", p->idx, b->idx, y);
	if (!rc && rng_chance(&dr, o->dups)) {
		char stem2[300], orig[300];
		snprintf(orig, sizeof(orig), "%s.%s", stem, fmt_ext[f]);
		if (rng_chance(&dr, 0.5)) {
			/* byte for byte the same file: the same model rendered with the same
			 * layout stream */
			snprintf(stem2, sizeof(stem2), "%s-ban-sao", stem);
			rng_init(&lr, o->seed, "layout", p->idx, b->idx, y);
			c.d->nbreaks = 0;
			rc = emit_doc(R, &c, stem2, f, &lr, orig, "text");
		} else {
			struct ctx c2 = c;
			struct header keep = c.hd;
			snprintf(stem2, sizeof(stem2), "%s-dieu-chinh", stem);
			rng_init(&c2.r, o->seed, "content-revised", p->idx, b->idx, y);
			memset(c2.planted, 0, sizeof(c2.planted));
			c2.d = doc_new();
			c2.parts = NULL;
			c2.nparts = c2.cparts = 0;
			c2.force = &keep;
			memset(&c2.hd, 0, sizeof(c2.hd));
			report_compose(&c2);
			/* the revised version has the same members, so the same gaps */
			plant_gaps(o, bw, y, c2.d);
			rng_init(&lr, o->seed, "layout-revised", p->idx, b->idx, y);
			rc = emit_doc(R, &c2, stem2, f, &lr, orig, "number");
			doc_free(c2.d);
			free(c2.parts);
		}
		R->st->dups++;
	}
	doc_free(c.d);
	free(c.parts);
	return rc;
}

static void world_json(struct json *j, const struct blocworld *bw)
{
	int i;

	json_obj(j, NULL);
	json_str(j, "province", bw->prov->name);
	json_str(j, "bloc", bw->bloc->name);
	json_arr(j, "units");
	for (i = 0; i < bw->nunits; i++) {
		const struct unit *u = &bw->units[i];
		if (u->leave <= u->join)
			continue;
		json_obj(j, NULL);
		json_str(j, "unit", u->canon);
		json_int(j, "from", u->join);
		json_int(j, "to", u->leave - 1);
		if (u->gap)
			json_int(j, "gap", u->gap);
		else
			json_null(j, "gap");
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

static int parse_args(int argc, char **argv, struct opts *o, struct err *e)
{
	int i, f;
	const char *mix = NULL, *formats = NULL;

	memset(o, 0, sizeof(*o));
	o->out = "corpus/generated";
	o->seed = 1;
	o->provinces = world_nprovinces();
	o->blocs = world_nblocs();
	o->y1 = 2000;
	o->y2 = 2025;
	o->incons = 0.15;
	o->dups = 0.02;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(a, "--check")) {
			o->check = 1;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--no-truth")) {
			o->no_truth = 1;
		} else if (!v) {
			return err_set(e, "%s: missing value", a);
		} else if (!strcmp(a, "--out")) {
			o->out = v, i++;
		} else if (!strcmp(a, "--seed")) {
			o->seed = strtoull(v, NULL, 10), i++;
		} else if (!strcmp(a, "--provinces")) {
			o->provinces = atoi(v), i++;
		} else if (!strcmp(a, "--blocs")) {
			o->blocs = atoi(v), i++;
		} else if (!strcmp(a, "--years")) {
			if (sscanf(v, "%d-%d", &o->y1, &o->y2) != 2 && sscanf(v, "%d", &o->y1) == 1)
				o->y2 = o->y1;
			i++;
		} else if (!strcmp(a, "--formats")) {
			formats = v, i++;
		} else if (!strcmp(a, "--mix")) {
			mix = v, i++;
		} else if (!strcmp(a, "--inconsistencies")) {
			o->incons = strtod(v, NULL), i++;
		} else if (!strcmp(a, "--duplicates")) {
			o->dups = strtod(v, NULL), i++;
		} else if (!strcmp(a, "--preset")) {
			if (!strcmp(v, "small")) {
				o->provinces = 2;
				o->blocs = 4;
				o->y1 = 2000;
				o->y2 = 2025;
			} else if (!strcmp(v, "national")) {
				o->provinces = 63;
				o->blocs = 20;
				o->y1 = 2006;
				o->y2 = 2025;
			} else {
				return err_set(e, "--preset: small or national, not '%s'", v);
			}
			i++;
		} else {
			return err_set(e, "unknown option '%s'", a);
		}
	}
	if (o->provinces < 1 || o->provinces > world_nprovinces())
		return err_set(e, "--provinces: 1 to %d", world_nprovinces());
	if (o->blocs < 1 || o->blocs > world_nblocs())
		return err_set(e, "--blocs: 1 to %d", world_nblocs());
	if (o->y1 < 2000 || o->y2 > 2025 || o->y1 > o->y2)
		return err_set(e, "--years: a range within 2000-2025");
	for (f = 0; f < F_NFORMATS; f++)
		o->allowed[f] = formats == NULL;
	if (formats) {
		char *copy = xstrdup(formats), *save = NULL, *tok;
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			f = fmt_parse(tok);
			if (f < 0) {
				err_set(e, "--formats: unknown format '%s'", tok);
				free(copy);
				return -1;
			}
			o->allowed[f] = 1;
		}
		free(copy);
	}
	return mix ? parse_mix(mix, o, e) : default_mix(o, e);
}

int main(int argc, char **argv)
{
	struct err e;
	struct opts o;
	struct stats st;
	struct run R;
	struct buf wj = BUF_INIT;
	struct json j;
	char path[4096];
	int p, b, y, rc = 0;
	double t0 = now_seconds();
	FILE *world;

	memset(&st, 0, sizeof(st));
	if (gdata_load(&e) != 0 || world_load(&e) != 0 || legacy_init(&e) != 0) {
		fprintf(stderr, "thidua-gen: %s\n", e.msg);
		return 2;
	}
	noise_init();
	if (parse_args(argc, argv, &o, &e) != 0) {
		fprintf(stderr, "thidua-gen: %s\n%s", e.msg, usage);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/synthetic-manifest.tsv", o.out);
	if (mkdirs(o.out, &e) != 0) {
		fprintf(stderr, "thidua-gen: %s\n", e.msg);
		return 2;
	}
	R.o = &o;
	R.st = &st;
	R.e = &e;
	R.manifest = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/synthetic-world.json", o.out);
	world = fopen(path, "w");
	if (!R.manifest || !world) {
		fprintf(stderr, "thidua-gen: %s: %s\n", path, strerror(errno));
		if (R.manifest)
			fclose(R.manifest);
		if (world)
			fclose(world);
		return 2;
	}
	fputs("file\ttruth\tprovince\tbloc\tyear\tformat\tencoding\tbytes\tnumber\tduplicate_of\n",
	      R.manifest);
	json_init(&j, &wj);
	json_arr(&j, NULL);
	for (p = 0; p < o.provinces && !rc; p++) {
		const struct province *pr = world_province(p);
		snprintf(path, sizeof(path), "%s/docs/%s", o.out, pr->slug);
		rc = mkdirs(path, &e);
		snprintf(path, sizeof(path), "%s/truth/%s", o.out, pr->slug);
		rc = rc ? rc : mkdirs(path, &e);
		for (b = 0; b < o.blocs && !rc; b++) {
			struct blocworld *bw = blocworld_new(o.seed, pr, world_bloc(b));
			for (y = o.y1; y <= o.y2 && !rc; y++)
				rc = one(&R, bw, y);
			world_json(&j, bw);
			fwrite(wj.p, 1, wj.n, world);
			buf_reset(&wj);
			blocworld_free(bw);
		}
		if (!o.quiet)
			fprintf(stderr, "\rthidua-gen: %d/%d provinces, %lld documents", p + 1,
			        o.provinces, st.docs);
	}
	json_end(&j);
	fwrite(wj.p, 1, wj.n, world);
	buf_free(&wj);
	if (fclose(world) != 0 || fclose(R.manifest) != 0)
		rc = err_set(&e, "%s: cannot finish writing", o.out);
	if (rc) {
		fprintf(stderr, "\nthidua-gen: %s\n", e.msg);
		return 2;
	}
	if (!o.quiet) {
		int f;
		fprintf(stderr,
		        "\nthidua-gen: %lld documents (%lld planted duplicates), %.1f MB of "
		        "text, %.1f MB of truth, %lld planted inconsistencies, %.1f s\n",
		        st.docs, st.dups, st.bytes / 1e6, st.truth_bytes / 1e6, st.incons,
		        now_seconds() - t0);
		for (f = 0; f < F_NFORMATS; f++)
			if (st.per_format[f])
				fprintf(stderr, "  %-11s %lld\n", fmt_names[f], st.per_format[f]);
	}
	tpl_free();
	gdata_free();
	world_free();
	if (st.problems) {
		fprintf(stderr, "thidua-gen: --check found %d problems\n", st.problems);
		return 1;
	}
	return 0;
}
