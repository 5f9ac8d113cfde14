/*
 * `thidua text FILE`: the text thidua would index, without indexing it — extracted,
 * decoded, repaired and laid out, one paragraph per line. For users checking what the
 * indexer sees, and for measuring extraction against transcripts.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "doc.h"
#include "extract.h"
#include "layout.h"
#include "ocr.h"
#include "vn_enc.h"

static const char usage[] =
	"usage: thidua text [--encoding NAME] [--typed-case] [--ocr MODE] [--ocr-raw]\n"
	"                   [--ocr-cache FILE] [-j N] FILE\n"
	"\n"
	"Print the extracted and repaired text of FILE (UTF-8, NFC, reading order), one\n"
	"paragraph per line, without indexing it. For an archive, each member in turn under a\n"
	"line \"==> archive.zip!member <==\".\n"
	"\n"
	"  --encoding NAME  read a legacy text file as NAME (tcvn3, vni, viscii, vps, cp1258,\n"
	"                   tcvn5712-1, utf-8) instead of detecting it\n"
	"  --typed-case     leave text in upper-case legacy fonts (.VnTimeH, .VnArialH) in\n"
	"                   the case it was typed instead of upper-casing it as shown\n"
	"  --ocr MODE       auto (default: pages without a text layer, images), never,\n"
	"                   always (every page, ignoring text layers)\n"
	"  --ocr-raw        print OCR'd pages as Tesseract read them, before the repair\n"
	"  --ocr-cache FILE take OCR results from (and add them to) this cache, e.g. the\n"
	"                   thidua.db.ocr-cache `thidua index` keeps beside its database\n"
	"  -j, --jobs N     pages OCR'd at once (default: number of cores)\n";

int cmd_text(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
					     {"encoding", required_argument, NULL, 'E'},
					     {"typed-case", no_argument, NULL, 'T'},
					     {"ocr", required_argument, NULL, 'O'},
					     {"ocr-raw", no_argument, NULL, 'R'},
					     {"jobs", required_argument, NULL, 'j'},
					     {"ocr-cache", required_argument, NULL, 'C'},
					     {NULL, 0, NULL, 0}};
	int mode = OCR_AUTO, raw = 0;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	struct ocr *ocr;
	const char *cache = NULL;
	int encoding = VN_CS_UNKNOWN, typed_case = 0;
	struct extractor *x;
	struct docset set;
	struct err e;
	char *data;
	size_t n, i, k;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hj:", opts, NULL)) != -1) {
		if (c == 'O') {
			if ((mode = ocr_mode_from_name(optarg)) < 0)
				return cli_usage_error("text", "--ocr wants auto, never or always");
			continue;
		}
		if (c == 'R') {
			raw = 1;
			continue;
		}
		if (c == 'C') {
			cache = optarg;
			continue;
		}
		if (c == 'j') {
			if (cli_parse_count(optarg, &jobs) != 0 || jobs < 1 || jobs > 256)
				return cli_usage_error("text", "--jobs wants a number from 1 to 256");
			continue;
		}
		if (c == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (c == 'T') {
			typed_case = 1;
			continue;
		}
		if (c == 'E') {
			encoding = vn_enc_from_name(optarg);
			if (encoding == VN_CS_UNKNOWN)
				return cli_usage_error("text", "unknown --encoding (try tcvn3, vni, "
							       "viscii, vps, cp1258, utf-8)");
			continue;
		}
		return cli_usage_error("text", "unknown option");
	}
	if (optind != argc - 1)
		return cli_usage_error("text", "expected exactly one FILE");
	if (read_file(argv[optind], (size_t)1 << 30, &data, &n, &e) != 0)
		return cli_error("text", "%s: %s", argv[optind], e.msg);
	x = extractor_new(&e);
	if (!x) {
		free(data);
		return cli_error("text", "%s", e.msg);
	}
	extractor_set_encoding(x, encoding);
	extractor_set_typed_case(x, typed_case);
	ocr = mode == OCR_NEVER ? NULL : ocr_new((int)jobs, (enum ocr_mode)mode);
	if (ocr && cache && ocr_open_cache(ocr, cache, &e) != 0)
		fprintf(stderr, "thidua text: %s\n", e.msg);
	extractor_set_ocr(x, ocr);
	memset(&set, 0, sizeof(set));
	if (extract_file(x, argv[optind], data, n, 0, &set, &e) != 0) {
		free(data);
		extractor_free(x);
		ocr_free(ocr);
		cli_error("text", "%s: %s", argv[optind], e.msg);
		return EXIT_PARTIAL;
	}
	free(data);
	for (i = 0; i < set.nfails; i++)
		fprintf(stderr, "thidua text: %s\n", set.fails[i]);
	for (k = 0; k < set.ndocs; k++) {
		struct doc *d = &set.docs[k];
		for (i = 0; i < d->nnotes; i++)
			fprintf(stderr, "thidua text: %s: %s\n", d->path, d->notes[i]);
		if (raw) {
			/* the OCR'd pages as read; a text layer as usual */
			size_t b;
			for (b = 0; b < d->nblocks; b++) {
				size_t r;
				for (r = 0; r < d->nocr_pages; r++)
					if (d->ocr_pages[r].page == d->blocks[b].page) {
						free(d->blocks[b].text);
						d->blocks[b].text = xstrdup(d->ocr_pages[r].raw);
					}
			}
		}
		layout_doc(d, extractor_norm(x));
		/* an archive's members, each under its name as `head` prints files */
		if (strcmp(d->path, argv[optind]) != 0)
			printf("%s==> %s <==\n", k ? "\n" : "", d->path);
		for (i = 0; i < d->npassages; i++)
			printf("%s\n", d->passages[i].text);
	}
	rc = set.nfails ? EXIT_PARTIAL : EXIT_OK;
	docset_free(&set);
	extractor_free(x);
	ocr_free(ocr);
	return rc;
}
