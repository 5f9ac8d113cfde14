# thidua — build, test, demo, benchmark.
#
#   make           bin/thidua (optimized)
#   make deps      install missing Debian packages (apt-get; nothing when all present)
#   make demo      deps + build + index corpus/ into thidua.db + example searches
#   make test      deps + unit (cmocka) and CLI tests, all under ASan+UBSan
#   make bench     throughput/size/latency against stock FTS5 (not a test)
#   make bench-national  thidua, stock FTS5, rg and Recoll on the national corpus (BENCHMARKS.md)
#   make bench-ocr OCR accuracy and pages/min on rendered scans (docs/ocr.md; not a test)
#   make install   PREFIX=/usr/local
#   make corpus-small     ~200 synthetic reports into corpus/generated/ (used by tests)
#   make corpus-national  63 provinces x 20 blocs x 20 years into NATIONAL_DIR (benchmark)

CC      ?= cc
# `make V=1` shows the full commands
Q        = $(if $(V),,@)
say      = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)
PREFIX  ?= /usr/local
PKGS    := sqlite3 icu-uc icu-i18n glib-2.0 libmagic poppler-glib libarchive libxml-2.0 libgsf-1 libzstd libcrypto tesseract lept cairo
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BASE    := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -pthread -Ilib -Iindexer -Ibuild/gen $(WARN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
REL_CFLAGS  := -O2 -g
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

LIB_SRC  := $(wildcard lib/*.c)
IDX_SRC  := $(wildcard indexer/*.c)
QRY_SRC  := $(wildcard query/*.c)
CORE_SRC := $(LIB_SRC) $(IDX_SRC) $(QRY_SRC)
DATA     := $(sort $(wildcard data/*.tsv data/*.txt data/*.zdict data/codepages/*.tsv schema/*.sql))
TEST_SRC := $(wildcard tests/unit/test_*.c)

REL_OBJ  := $(CORE_SRC:%.c=build/rel/%.o) build/rel/gen/embedded.o
ASAN_OBJ := $(CORE_SRC:%.c=build/asan/%.o) build/asan/gen/embedded.o
TESTS    := $(TEST_SRC:tests/unit/%.c=build/asan/tests/%)
# every fuzz target also runs over its seed corpus in `make test` (tests/fuzz_replay.c)
REPLAYS  := $(patsubst fuzz/fuzz_%.c,build/asan/replay/fuzz_%,$(wildcard fuzz/fuzz_*.c))

all: bin/thidua bin/thidua.so

# ---- thidua-gen: the synthetic corpus generator (corpus/gen/, docs/corpus.md) -----------
# Its vocabulary (corpus/gen/data/*.tsv) is embedded under its own symbol so that it does
# not bloat thidua; it links libthidua for the code pages of lib/vn_enc (data/codepages/).
GEN_SRC  := $(wildcard corpus/gen/*.c)
GEN_DATA := $(sort $(wildcard corpus/gen/data/*.tsv))
GEN_PKGS := libarchive libxml-2.0
GEN_CFLAGS = $(shell pkg-config --cflags $(GEN_PKGS) 2>/dev/null)
GEN_LIBS   = $(shell pkg-config --libs $(GEN_PKGS) 2>/dev/null)
NATIONAL_DIR ?= bench/national
SMALL_DIR    ?= corpus/generated

build/gen/gen_data.c: build/tools/embed $(GEN_DATA) Makefile
	@mkdir -p $(@D)
	$(call say,EMBED,$@)build/tools/embed $@ $(foreach f,$(GEN_DATA),$(f)=$(f))
build/rel/corpus/gen/%.o: corpus/gen/%.c build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) -Icorpus/gen $(PKG_CFLAGS) $(GEN_CFLAGS) $(REL_CFLAGS) -MMD -MP -c -o $@ $<
build/asan/corpus/gen/%.o: corpus/gen/%.c build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) -Icorpus/gen $(PKG_CFLAGS) $(GEN_CFLAGS) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<
build/rel/gen/gen_data.o: build/gen/gen_data.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) -Dembedded_files=gen_embedded_files $(REL_CFLAGS) -c -o $@ $<
build/asan/gen/gen_data.o: build/gen/gen_data.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) -Dembedded_files=gen_embedded_files $(ASAN_CFLAGS) -c -o $@ $<
build/rel/thidua-gen: $(GEN_SRC:%.c=build/rel/%.o) build/rel/gen/gen_data.o build/rel/libthidua.a
	$(call say,LD,$@)$(CC) $(REL_CFLAGS) -pthread -o $@ $^ $(PKG_LIBS) $(GEN_LIBS) -lm
build/asan/thidua-gen: $(GEN_SRC:%.c=build/asan/%.o) build/asan/gen/gen_data.o build/asan/libthidua.a
	$(call say,LD,$@)$(CC) $(ASAN_CFLAGS) -pthread -o $@ $^ $(PKG_LIBS) $(GEN_LIBS) -lm

# Unit tests of the generator's pieces (tests/unit/test_gen_*.c) link its objects too.
GEN_TEST_OBJ := $(filter-out build/asan/corpus/gen/main.o,$(GEN_SRC:%.c=build/asan/%.o)) build/asan/gen/gen_data.o
build/asan/tests/test_gen_%: tests/unit/test_gen_%.c build/asan/libthidua.a $(GEN_TEST_OBJ)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) -Icorpus/gen $(PKG_CFLAGS) $(GEN_CFLAGS) $(ASAN_CFLAGS) -Itests/unit -o $@ $< \
		$(GEN_TEST_OBJ) build/asan/libthidua.a $(PKG_LIBS) $(GEN_LIBS) $(shell pkg-config --libs cmocka) -lm

corpus-small: deps
	@$(MAKE) --no-print-directory build/rel/thidua-gen
	build/rel/thidua-gen --preset small --out $(SMALL_DIR)

corpus-national: deps
	@$(MAKE) --no-print-directory build/rel/thidua-gen
	build/rel/thidua-gen --preset national --out $(NATIONAL_DIR)

deps:
	@tools/deps.sh

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) -O1 -o $@ $<

# libmagic reads only compiled databases from memory (magic_load_buffers); `file -C` writes
# NAME.mgc into the current directory
build/gen/text_signatures.mgc: data/text_signatures.magic
	@mkdir -p $(@D)
	$(call say,MAGIC,$@)cd $(@D) && file -C -m $(abspath $<) && mv text_signatures.magic.mgc text_signatures.mgc

build/gen/embedded.c: build/tools/embed $(DATA) build/gen/text_signatures.mgc Makefile
	@mkdir -p $(@D)
	$(call say,EMBED,$@)build/tools/embed $@ $(foreach f,$(DATA),$(f)=$(f)) \
		data/text_signatures.mgc=build/gen/text_signatures.mgc

build/rel/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) $(REL_CFLAGS) -c -o $@ $<
build/asan/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) $(ASAN_CFLAGS) -c -o $@ $<

build/rel/%.o: %.c build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -MMD -MP -c -o $@ $<
build/asan/%.o: %.c build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

build/rel/libthidua.a: $(REL_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^
build/asan/libthidua.a: $(ASAN_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

# --as-needed: the libraries only indexing needs are loaded when it needs them
# (indexer/dl.h), so the binary must not name them; a search starts without them.
bin/thidua: build/rel/thidua.o build/rel/libthidua.a
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(REL_CFLAGS) -pthread -o $@ $^ -Wl,--as-needed $(PKG_LIBS) -lm
build/asan/thidua: build/asan/thidua.o build/asan/libthidua.a
	$(call say,LD,$@)$(CC) $(ASAN_CFLAGS) -pthread -o $@ $^ -Wl,--as-needed $(PKG_LIBS) -lm

# indexer/dl.c opens the libraries by the sonames of those it is built against
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2) 2>/dev/null | awk '/SONAME/ {print $$2}')
DL_SONAMES := -DSONAME_POPPLER='"$(call soname,poppler-glib,libpoppler-glib.so)"' \
	-DSONAME_CAIRO='"$(call soname,cairo,libcairo.so)"' -DSONAME_LEPT='"$(call soname,lept,liblept.so)"' \
	-DSONAME_TESS='"$(call soname,tesseract,libtesseract.so)"' \
	-DSONAME_ARCHIVE='"$(call soname,libarchive,libarchive.so)"' -DSONAME_MAGIC='"$(call soname,libmagic,libmagic.so)"' \
	-DSONAME_GSF='"$(call soname,libgsf-1,libgsf-1.so)"' -DSONAME_CRYPTO='"$(call soname,libcrypto,libcrypto.so)"' \
	-DSONAME_XML='"$(call soname,libxml-2.0,libxml2.so)"' -DSONAME_GOBJECT='"$(call soname,gobject-2.0,libgobject-2.0.so)"'
build/rel/indexer/dl.o build/asan/indexer/dl.o build/fuzz/obj/indexer/dl.o: BASE += $(DL_SONAMES)

# The facts scorer (tests/cli/test_facts.sh, docs/facts.md).
build/asan/factscore: tools/factscore.c build/asan/libthidua.a
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(ASAN_CFLAGS) -Iindexer -o $@ $< build/asan/libthidua.a $(PKG_LIBS) -lm
build/rel/factscore: tools/factscore.c build/rel/libthidua.a
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -Iindexer -o $@ $< build/rel/libthidua.a $(PKG_LIBS) -lm

# The ground-truth scorer (tests/cli/test_truth.sh, docs/facts.md): json-glib reads the truth.
TRUTH_CFLAGS = $(shell pkg-config --cflags json-glib-1.0 2>/dev/null)
TRUTH_LIBS   = $(shell pkg-config --libs json-glib-1.0 2>/dev/null)
build/asan/truthscore: tools/truthscore.c build/asan/libthidua.a
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(TRUTH_CFLAGS) $(ASAN_CFLAGS) -o $@ $< build/asan/libthidua.a $(PKG_LIBS) $(TRUTH_LIBS) -lm
build/rel/truthscore: tools/truthscore.c build/rel/libthidua.a
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(TRUTH_CFLAGS) $(REL_CFLAGS) -o $@ $< build/rel/libthidua.a $(PKG_LIBS) $(TRUTH_LIBS) -lm
# CPU time of the fact extraction stages per document (docs/facts.md, "Cost"; not a test).
build/rel/factbench: tools/factbench.c build/rel/libthidua.a
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -o $@ $< build/rel/libthidua.a $(PKG_LIBS) -lm

build/asan/tests/%: tests/unit/%.c build/asan/libthidua.a
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(ASAN_CFLAGS) -Itests/unit -Iindexer -Iquery -o $@ $< build/asan/libthidua.a \
		$(PKG_LIBS) $(shell pkg-config --libs cmocka) -lm

# The figures scorer (tests/cli/test_figures.sh, docs/figures.md).
build/asan/tools/figscore: tools/figscore.c build/asan/libthidua.a
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(ASAN_CFLAGS) -o $@ $< build/asan/libthidua.a $(PKG_LIBS) -lm
build/rel/tools/figscore: tools/figscore.c build/rel/libthidua.a
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -o $@ $< build/rel/libthidua.a $(PKG_LIBS) -lm

build/asan/replay/fuzz_%: fuzz/fuzz_%.c tests/fuzz_replay.c build/asan/libthidua.a
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(ASAN_CFLAGS) -o $@ $< tests/fuzz_replay.c \
		build/asan/libthidua.a $(PKG_LIBS) -lm

# Tests run the sanitized binary; unit tests first, then the CLI scripts. cppcheck first:
# a warning fails the build like a compiler warning does.
test: deps
	@$(MAKE) --no-print-directory lint bin/thidua.so build/asan/thidua build/asan/thidua-gen build/asan/factscore build/asan/truthscore \
		build/rel/score build/asan/tools/figscore $(TESTS) $(REPLAYS)
	@tests/run.sh build/asan $(TESTS) $(REPLAYS)

demo: deps
	@$(MAKE) --no-print-directory bin/thidua build/rel/thidua-gen
	@build/rel/thidua-gen --preset small --quiet --out $(SMALL_DIR)
	@tools/demo.sh bin/thidua $(SMALL_DIR)

bench: deps
	@$(MAKE) --no-print-directory bin/thidua build/rel/bench
	@tools/bench.sh

# Issue 4's national-scale benchmark (BENCHMARKS.md): thidua, stock FTS5, rg and Recoll on
# the national synthetic corpus; BENCH_PROVINCES=N for a smaller slice.
bench-national: deps
	@tools/deps.sh recollcmd ripgrep
	@$(MAKE) --no-print-directory bin/thidua build/rel/bench build/rel/thidua-gen
	@tools/bench_national.sh

# OCR accuracy and speed on rendered scans (docs/ocr.md); the renderer is independent of
# thidua (pango + cairo only).
build/tools/ocr_render: tools/ocr_render.c
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) $(shell pkg-config --cflags pangocairo) -O2 -o $@ $< $(shell pkg-config --libs pangocairo)
bench-ocr: deps
	@$(MAKE) --no-print-directory bin/thidua build/rel/score build/tools/ocr_render
	@tools/bench_ocr.sh

# The transcript scorer (tools/score.c): ICU only, optimized because alignments are long.
build/rel/score: tools/score.c
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -o $@ $< $(PKG_LIBS)

build/rel/bench: tools/bench.c build/rel/libthidua.a
	$(call say,LD,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -o $@ $< build/rel/libthidua.a $(PKG_LIBS) -lm

# libFuzzer targets: fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput; everything is rebuilt
# with clang (the fuzzer runtime needs clang's sanitizers). `make fuzz` runs each target
# for FUZZ_RUNS executions from its seed corpus fuzz/corpus/NAME/ (created if missing).
FUZZ_SRC   := $(wildcard fuzz/fuzz_*.c)
FUZZ_BINS  := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_OBJ   := $(CORE_SRC:%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/embedded.o
FUZZ_CC    ?= clang
FUZZ_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_RUNS  ?= 1000000

build/fuzz/obj/%.o: %.c build/gen/embedded.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE) $(PKG_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
build/fuzz/obj/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE) $(FUZZ_FLAGS) -c -o $@ $<
build/fuzz/libthidua.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^
build/fuzz/fuzz_%: fuzz/fuzz_%.c build/fuzz/libthidua.a
	$(FUZZ_CC) $(BASE) -Iindexer $(PKG_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
		build/fuzz/libthidua.a $(PKG_LIBS) -lm

fuzz: deps $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p fuzz/corpus/$$n build/fuzz/new/$$n; \
		echo "== $$n ($(FUZZ_RUNS) runs)"; \
		LSAN_OPTIONS=$$([ -f fuzz/$$n.supp ] && echo suppressions=$(CURDIR)/fuzz/$$n.supp) \
		$$f -runs=$(FUZZ_RUNS) -max_len=65536 -timeout=10 -artifact_prefix=build/fuzz/ \
			build/fuzz/new/$$n fuzz/corpus/$$n \
			2>&1 | tail -n 3 || exit 1; done

# The loadable SQLite extension (lib/ext.c): the shared library code built position-
# independent. `.load bin/thidua` in a sqlite3 shell reads a thidua database.
EXT_SRC := $(filter-out lib/cli.c lib/db.c,$(LIB_SRC))
EXT_OBJ := $(EXT_SRC:%.c=build/pic/%.o) build/pic/gen/embedded.o
build/pic/%.o: %.c build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) $(PKG_CFLAGS) $(REL_CFLAGS) -fPIC -MMD -MP -c -o $@ $<
build/pic/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(BASE) $(REL_CFLAGS) -fPIC -c -o $@ $<
bin/thidua.so: $(EXT_OBJ)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) -shared -o $@ $^ $(PKG_LIBS) -lm

install: bin/thidua bin/thidua.so
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 bin/thidua $(DESTDIR)$(PREFIX)/bin/thidua
	install -d $(DESTDIR)$(PREFIX)/lib/thidua $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 bin/thidua.so $(DESTDIR)$(PREFIX)/lib/thidua/thidua.so
	install -m 644 man/thidua.1 $(DESTDIR)$(PREFIX)/share/man/man1/thidua.1
	install -m 644 completion/thidua.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/thidua

lint: build/gen/embedded.c
	$(call say,LINT,cppcheck)cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--std=c11 --inline-suppr -Ilib -Ibuild/gen lib indexer query thidua.c tools fuzz corpus/gen

format:
	clang-format -i $(CORE_SRC) thidua.c lib/*.h indexer/*.h query/*.h tests/unit/*.c corpus/gen/*.[ch]

clean:
	rm -rf build bin

.PHONY: all deps test demo bench bench-national bench-ocr fuzz install lint format clean corpus-small corpus-national
.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)
