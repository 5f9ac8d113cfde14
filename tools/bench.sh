#!/bin/sh
# `make bench`: thidua vs stock FTS5 on the seed replicated to BENCH_MB (default 100) MB.
set -eu
mkdir -p bench/out
exec build/rel/bench bin/thidua corpus/tuyen-quang-2020-khoi-noi-chinh-bao-cao-tong-ket-thi-dua.txt \
	bench/out "${BENCH_MB:-100}"
