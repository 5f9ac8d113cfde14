/*
 * factbench: CPU time of the fact extraction stages per document (docs/facts.md, "Cost").
 *
 *   factbench [-n ROUNDS] FILE...
 *
 * Each file is extracted and laid out once per round (not timed), then each stage is
 * timed on the thread's CPU clock: words (every passage as vn_words, shared by the
 * stages), header, units, campaigns, awards, figures. Prints the mean milliseconds per
 * document of each stage and their sum, over ROUNDS rounds (default 20) of every file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "facts.h"
#include "figures.h"
#include "header.h"
#include "layout.h"
#include "units.h"
#include "util.h"

enum { S_WORDS, S_HEADER, S_UNITS, S_CAMPAIGNS, S_AWARDS, S_FIGURES, S_N };
static const char *const names[S_N] = {"words", "header", "units", "campaigns", "awards", "figures"};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct extractor *x;
	struct err e;
	double total[S_N] = {0}, t, sum = 0;
	int rounds = 20, a = 1, r, s;
	size_t ndocs = 0, bytes = 0;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		rounds = atoi(argv[2]);
		a = 3;
	}
	if (a >= argc || rounds < 1) {
		fprintf(stderr, "usage: factbench [-n ROUNDS] FILE...\n");
		return 2;
	}
	if (!(x = extractor_new(&e))) {
		fprintf(stderr, "factbench: %s\n", e.msg);
		return 2;
	}
	for (r = 0; r < rounds; r++) {
		int f;
		for (f = a; f < argc; f++) {
			struct docset set;
			char *data;
			size_t n, k, i;
			memset(&set, 0, sizeof(set));
			if (read_file(argv[f], (size_t)1 << 30, &data, &n, &e) != 0 ||
			    extract_file(x, argv[f], data, n, 0, &set, &e) != 0) {
				fprintf(stderr, "factbench: %s: %s\n", argv[f], e.msg);
				return 2;
			}
			free(data);
			for (k = 0; k < set.ndocs; k++) {
				struct doc *d = &set.docs[k];
				struct vn_norm *nm = extractor_norm(x);
				layout_doc(d, nm);
				t = now();
				for (i = 0; i < d->npassages; i++)
					doc_passage_words(d, i, nm);
				total[S_WORDS] += now() - t, t = now();
				header_parse(d, nm);
				total[S_HEADER] += now() - t, t = now();
				units_extract(d, nm);
				total[S_UNITS] += now() - t, t = now();
				campaigns_extract(d, nm);
				total[S_CAMPAIGNS] += now() - t, t = now();
				awards_extract(d, nm);
				total[S_AWARDS] += now() - t, t = now();
				figures_extract(d, nm);
				total[S_FIGURES] += now() - t;
				ndocs++;
				for (i = 0; i < d->npassages; i++)
					bytes += strlen(d->passages[i].text);
			}
			docset_free(&set);
		}
	}
	printf("stage\tms/doc\n");
	for (s = 0; s < S_N; s++) {
		printf("%s\t%.3f\n", names[s], total[s] / (double)ndocs);
		sum += total[s];
	}
	printf("total\t%.3f\n", sum / (double)ndocs);
	printf("# %zu documents, %.1f KB of text each\n", ndocs, (double)bytes / (double)ndocs / 1024);
	extractor_free(x);
	return 0;
}
