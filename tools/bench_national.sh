#!/bin/bash
# make bench-national: issue 4's benchmark (not a test). On the national synthetic corpus
# (thidua-gen --preset national: 63 provinces x 20 blocs x 20 years, ~25 000 reports,
# ~1.2 GB), in one run, side by side:
#   thidua        index (with facts, and --no-facts), database size, peak RSS; the 30
#                 queries of tools/bench_queries.tsv through `thidua search` (top 20, snippets,
#                 filters), p50/p95 of each query's median, again after `index --optimize`
#                 on a copy (and how long that took); trend and awards latency
#   stock FTS5    unicode61 remove_diacritics 2 fed thidua's passages (build/rel/bench stock)
#   rg            an accent-insensitive regex per query (build/rel/bench regex), latency only
#   Recoll        recollindex on the same files, recollq per query, and whether its top 20
#                 documents are documents thidua's rules match (see BENCHMARKS.md)
# BENCH_PROVINCES=N generates (and measures) N provinces instead of 63; BENCH_REPS runs per
# query (default 5). The corpus is kept in NATIONAL_DIR (default bench/national) and reused.
# BENCH_REUSE=1 keeps the indexes (and their timings) of an earlier run in BENCH_OUT and
# measures only what is missing: at this scale each index takes minutes.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/queries.sh"
corpus=${NATIONAL_DIR:-$top/bench/national}
out=${BENCH_OUT:-$top/bench/national-out}
reps=${BENCH_REPS:-5}
thidua=$top/bin/thidua
bench=$top/build/rel/bench
gen=$top/build/rel/thidua-gen
queries=$top/tools/bench_queries.tsv

if [ ! -d "$corpus/docs" ]; then
	"$gen" --preset national ${BENCH_PROVINCES:+--provinces "$BENCH_PROVINCES"} --no-truth --quiet \
		--out "$corpus"
fi
docs=$corpus/docs
[ "${BENCH_REUSE:-0}" = 1 ] || rm -rf "$out"
mkdir -p "$out"
rm -f "$out"/rows.tsv "$out"/all.tsv "$out"/report.md
# run copies: a rebuild while the benchmark runs must not change what it measures
cp "$thidua" "$out/thidua.bin"
cp "$bench" "$out/bench.bin"
thidua=$out/thidua.bin
bench=$out/bench.bin
files=$(find "$docs" -type f | wc -l)
corpus_bytes=$(du -sb "$docs" | cut -f1)
echo "corpus: $files files, $((corpus_bytes / 1000000)) MB in $docs"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)"

ms_now() { date +%s%N; }
# median of the numbers on stdin
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# p-th percentile (nearest rank) of the numbers on stdin
pct() { sort -g | awk -v p="$1" '{v[NR] = $1} END {k = int(NR * p / 100 + 0.999999); if (k < 1) k = 1; print v[k]}'; }
db_bytes() { echo $(($(stat -c %s "$1") + $(stat -c %s "$1-wal" 2>/dev/null || echo 0))); }
# time CMD... REPS times; prints the median wall time in ms (output discarded)
time_ms() {
	local r s
	for r in $(seq "$reps"); do
		s=$(ms_now)
		"$@" >/dev/null 2>&1 || true
		echo "scale=3; ($(ms_now) - $s) / 1000000" | bc
	done | median
}

# ---- thidua: index ---------------------------------------------------------------------
index() { # db, extra options...: "seconds peak_rss_kb" into db.time
	local db=$1
	shift
	[ -s "$db.time" ] && [ -f "$db" ] && return
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -f "%e %M" -o "$db.time" "$thidua" index --quiet "$@" --db "$db" "$docs" || true
}
index "$out/thidua.db"
index "$out/text.db" --no-facts
read -r t_full rss_full <"$out/thidua.db.time"
read -r t_text rss_text <"$out/text.db.time"
text_bytes=$(sqlite3 "$out/thidua.db" "SELECT sum(bytes) FROM passage_rows")

# ---- stock FTS5 on the same passages ---------------------------------------------------
if [ -s "$out/stock.build" ] && [ -f "$out/stock.db" ]; then
	"$bench" stock-queries "$out/stock.db" "$queries" >"$out/stock.txt"
else
	"$bench" stock "$out/text.db" "$out/stock.db" "$queries" >"$out/stock.txt"
	grep '^build' "$out/stock.txt" >"$out/stock.build"
fi
read -r _ t_stock _ <"$out/stock.build"
grep '^query' "$out/stock.txt" | awk '{print $2}' >"$out/stock.ms"

# ---- thidua search, rg, Recoll per query -----------------------------------------------
cat >"$out/recoll.conf" <<EOF
topdirs = $docs
indexallfilenames = 0
EOF
[ -s "$out/recoll.time" ] && [ -d "$out/xapiandb" ] ||
	/usr/bin/time -f "%e %M" -o "$out/recoll.time" recollindex -c "$out" >"$out/recollindex.log" 2>&1 || true
read -r t_recoll rss_recoll <"$out/recoll.time"

: >"$out/rows.tsv"
query_lines "$queries" | while IFS=$'\t' read -r q year unit; do
	query_opts "$out/thidua.db" "$year" "$unit"
	[ "$year" = - ] && year=
	[ "$unit" = - ] && unit=
	t_ms=$(time_ms "$thidua" search "${opts[@]}" "$q")
	n_t=$("$thidua" search "${opts[@]}" "$q" | tail -n +2 | wc -l)
	# thidua's rules: every document with a matching passage (no filters: rg and Recoll have none)
	"$bench" docs "$out/thidua.db" "$q" | sort -u >"$out/match.docs"
	re=$("$bench" regex "$q")
	r_ms=$(reps=3 time_ms rg -c -e "$re" "$docs")
	rc_q=$(printf '%s' "$q" | sed 's/"//g')
	[[ $q == \"* ]] && rc_q="\"$rc_q\""
	c_ms=$(time_ms recollq -c "$out" -n 20 -b "$rc_q")
	recollq -c "$out" -n 20 -b "$rc_q" 2>/dev/null | grep '^file://' | sed 's|^file://||' | sort -u >"$out/recoll.docs"
	n_c=$(wc -l <"$out/recoll.docs")
	n_m=$(wc -l <"$out/match.docs")
	want=$((n_m < 20 ? n_m : 20))
	wrong=$(comm -23 "$out/recoll.docs" "$out/match.docs" | wc -l)
	right=$([ "$wrong" -eq 0 ] && [ "$n_c" -ge "$want" ] && echo 1 || echo 0)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q${year:+ --year $year}${unit:+ --unit $unit}" \
		"$t_ms" "$n_t" "$r_ms" "$c_ms" "$n_c" "$wrong" "$right" "$n_m" >>"$out/rows.tsv"
done
paste "$out/rows.tsv" "$out/stock.ms" >"$out/all.tsv"

# ---- thidua search after `index --optimize` (one full-text segment), on a copy -----------
rm -f "$out/opt.db" "$out/opt.db-wal" "$out/opt.db-shm"
cp "$out/thidua.db" "$out/opt.db"
t_opt=$(reps=1 time_ms "$thidua" index --quiet --optimize --db "$out/opt.db")
query_lines "$queries" | while IFS=$'\t' read -r q year unit; do
	query_opts "$out/opt.db" "$year" "$unit"
	time_ms "$thidua" search "${opts[@]}" "$q"
done >"$out/opt.ms"
rm -f "$out/opt.db"

# ---- facts commands --------------------------------------------------------------------
t_trend=$(time_ms "$thidua" trend --db "$out/thidua.db" --award "Bằng khen" --unit "Công an tỉnh" --year 2006-2025)
t_awards=$(time_ms "$thidua" awards --db "$out/thidua.db" --award "Cờ thi đua" --year 2018-2022 --format tsv)
t_fig=$(time_ms "$thidua" trend --db "$out/thidua.db" --figure "suất quà" --by province)
# the whole corpus, no unit: the question users ask first (it once ran for a quarter of an hour)
t_trend_all=$(time_ms "$thidua" trend --db "$out/thidua.db" --award "Cờ thi đua")
t_audit=$(reps=1 time_ms "$thidua" audit --db "$out/thidua.db" --format tsv)

# ---- report ----------------------------------------------------------------------------
mb=$(echo "scale=1; $corpus_bytes / 1000000" | bc)
tmb=$(echo "scale=1; $text_bytes / 1000000" | bc)
ratio() { echo "scale=3; ($1) / ($2)" | bc; }
rss_mb() { case $1 in *[!0-9]* | "") echo "not measured" ;; *) echo $(($1 / 1024)) ;; esac; }
p50_t=$(cut -f2 "$out/all.tsv" | pct 50)
p95_t=$(cut -f2 "$out/all.tsv" | pct 95)
p50_s=$(cut -f10 "$out/all.tsv" | pct 50)
p95_s=$(cut -f10 "$out/all.tsv" | pct 95)
p50_r=$(cut -f4 "$out/all.tsv" | pct 50)
p95_r=$(cut -f4 "$out/all.tsv" | pct 95)
p50_c=$(cut -f5 "$out/all.tsv" | pct 50)
p95_c=$(cut -f5 "$out/all.tsv" | pct 95)
right=$(awk -F'\t' '{s += $8} END {print s}' "$out/all.tsv")
{
	echo
	echo "| indexing | thidua (facts) | thidua --no-facts | stock FTS5 | Recoll |"
	echo "|---|---|---|---|---|"
	echo "| time (s) | $t_full | $t_text | $t_stock | $t_recoll |"
	echo "| MB/s (files for thidua/Recoll, passage text for stock) | $(echo "scale=1; $mb / $t_full" | bc) | $(echo "scale=1; $mb / $t_text" | bc) | $(echo "scale=1; $tmb / $t_stock" | bc) | $(echo "scale=1; $mb / $t_recoll" | bc) |"
	echo "| throughput / stock | $(ratio "$mb / $t_full" "$tmb / $t_stock") | $(ratio "$mb / $t_text" "$tmb / $t_stock") | 1 | $(ratio "$mb / $t_recoll" "$tmb / $t_stock") |"
	echo "| throughput / Recoll | $(ratio "$t_recoll" "$t_full") | $(ratio "$t_recoll" "$t_text") | | 1 |"
	echo "| database (MB) | $(($(db_bytes "$out/thidua.db") / 1000000)) | $(($(db_bytes "$out/text.db") / 1000000)) | $(($(db_bytes "$out/stock.db") / 1000000)) | $(($(du -sb "$out/xapiandb" | cut -f1) / 1000000)) |"
	echo "| database / passage text ($tmb MB) | $(ratio "$(db_bytes "$out/thidua.db")" "$text_bytes") | $(ratio "$(db_bytes "$out/text.db")" "$text_bytes") | $(ratio "$(db_bytes "$out/stock.db")" "$text_bytes") | |"
	echo "| peak RSS (MB) | $(rss_mb "$rss_full") | $(rss_mb "$rss_text") | | $(rss_mb "$rss_recoll") |"
	echo
	echo "| 30 queries, top 20 | thidua search (CLI) | stock FTS5 (in process) | rg | recollq (CLI) |"
	echo "|---|---|---|---|---|"
	echo "| p50 ms | $p50_t | $p50_s | $p50_r | $p50_c |"
	echo "| p95 ms | $p95_t | $p95_s | $p95_r | $p95_c |"
	echo "| p50 / p95 ms after \`index --optimize\` ($(echo "scale=1; $t_opt / 1000" | bc) s) | $(pct 50 <"$out/opt.ms") / $(pct 95 <"$out/opt.ms") | | | |"
	echo "| queries whose top 20 are all documents thidua's rules match | (the reference) | | | $right of 30 |"
	echo
	echo "| facts command | median ms |"
	echo "|---|---|"
	echo "| trend --award \"Bằng khen\" --unit \"Công an tỉnh\" --year 2006-2025 | $t_trend |"
	echo "| awards --award \"Cờ thi đua\" --year 2018-2022 | $t_awards |"
	echo "| trend --figure \"suất quà\" --by province | $t_fig |"
	echo "| trend --award \"Cờ thi đua\" (all years, every unit) | $t_trend_all |"
	echo "| audit (every check, the whole corpus; one run) | $t_audit |"
	echo
	echo "| query | thidua ms | rows | rg ms | recoll ms | recoll docs | not matched | right | matching docs | stock ms |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10}' "$out/all.tsv"
} | tee "$out/report.md"
echo "machine after: load $(cut -d' ' -f1-3 /proc/loadavg)"
