/*
 * `thidua text FILE`: the text thidua would index, without indexing it — extracted,
 * decoded, repaired and laid out, one paragraph per line. For users checking what the
 * indexer sees, and for measuring extraction against transcripts.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "doc.h"
#include "extract.h"
#include "layout.h"
#include "vn_enc.h"

static const char usage[] =
	"usage: thidua text [--encoding NAME] [--typed-case] FILE\n"
	"\n"
	"Print the extracted and repaired text of FILE (UTF-8, NFC, reading order), one\n"
	"paragraph per line, without indexing it.\n"
	"\n"
	"  --encoding NAME  read a legacy text file as NAME (tcvn3, vni, viscii, vps, cp1258,\n"
	"                   tcvn5712-1, utf-8) instead of detecting it\n"
	"  --typed-case     leave text in upper-case legacy fonts (.VnTimeH, .VnArialH) in\n"
	"                   the case it was typed instead of upper-casing it as shown\n";

int cmd_text(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
					     {"encoding", required_argument, NULL, 'E'},
					     {"typed-case", no_argument, NULL, 'T'},
					     {NULL, 0, NULL, 0}};
	int encoding = VN_CS_UNKNOWN, typed_case = 0;
	struct extractor *x;
	struct doc d;
	struct err e;
	char *data;
	size_t n, i;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
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
	memset(&d, 0, sizeof(d));
	if (extract_bytes(x, data, n, &d, &e) != 0) {
		free(data);
		extractor_free(x);
		doc_free(&d);
		cli_error("text", "%s: %s", argv[optind], e.msg);
		return EXIT_PARTIAL;
	}
	free(data);
	for (i = 0; i < d.nnotes; i++)
		fprintf(stderr, "thidua text: %s: %s\n", argv[optind], d.notes[i]);
	layout_doc(&d);
	for (i = 0; i < d.npassages; i++)
		printf("%s\n", d.passages[i].text);
	doc_free(&d);
	extractor_free(x);
	return EXIT_OK;
}
