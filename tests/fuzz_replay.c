/*
 * fuzz_replay: run a libFuzzer target's entry point over every file of its seed corpus
 * (fuzz/corpus/NAME/), without libFuzzer, in the sanitized build. `make test` runs it for
 * every target, so an input that once crashed — kept in the corpus — stays a regression test.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *de;
	int n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: fuzz_replay CORPUS_DIR\n");
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 2;
	}
	while ((de = readdir(d)) != NULL) {
		struct buf p = BUF_INIT;
		struct err e;
		char *data;
		size_t len;
		if (de->d_name[0] == '.')
			continue;
		buf_printf(&p, "%s/%s", argv[1], de->d_name);
		if (read_file(p.p, (size_t)1 << 24, &data, &len, &e) == 0) {
			LLVMFuzzerTestOneInput((const uint8_t *)data, len);
			free(data);
			n++;
		}
		buf_free(&p);
	}
	closedir(d);
	printf("%d inputs replayed\n", n);
	return 0;
}
