# Incremental and crash-safe indexing (issue 3): kill -9 at random moments then one more
# run gives the same database as a clean run; search works while index writes; --force,
# --keep-missing, --quiet, progress on a TTY and the summary line.
. "$TOP/tests/cli/lib.sh"
FIX="$TOP/tests/fixtures/modern"

# --- a corpus of a few hundred files: short reports cut from the seed's paragraphs (each
# file a different selection, so every file differs), office documents and archives of
# reports. The runs say --encoding utf-8: what is tested here is crash safety, and
# encoding detection on every file would make the runs (under ASan) several times longer.
mkdir -p corpus/a corpus/b corpus/c
grep . "$SEED" >paras.txt
for i in $(seq 1 270); do
	d=$(printf 'abc' | cut -c$((i % 3 + 1)))
	awk -v s="$i" 'BEGIN{srand(s)} rand() < 0.03' paras.txt >"corpus/$d/bao-cao-$i.txt"
	[ -s "corpus/$d/bao-cao-$i.txt" ] || head -n 3 paras.txt >"corpus/$d/bao-cao-$i.txt"
done
for i in 1 2 3 4 5; do
	cp "$FIX/seed.docx" "corpus/a/tong-ket-$i.docx"
	cp "$FIX/seed.odt" "corpus/b/tong-ket-$i.odt"
	printf "<html><body><h1>Trang %d</h1><p>Khen thưởng năm 2020.</p></body></html>\n" "$i" >"corpus/b/trang-$i.html"
done
(cd corpus/c && zip -q ../a/luu-tru-1.zip bao-cao-*.txt && tar czf ../b/luu-tru-2.tgz bao-cao-1*.txt)
nfiles=$(find corpus -type f | wc -l)
[ "$nfiles" -ge 280 ] || fail "corpus has only $nfiles files"

# what a database holds, without ids or timestamps: documents by path, passages by
# (path, ordinal), and what searches find
dump() {
	sql "$1" "SELECT path, sha256, size, mtime, format, encoding, title, date, year
	              FROM documents ORDER BY path" >"$2" || fail "cannot read $1"
	sql "$1" "SELECT d.path, p.ordinal, p.section, p.kind, p.text FROM passages p
	              JOIN documents d ON d.id = p.doc ORDER BY d.path, p.ordinal" >>"$2"
	# each document's passage ids are its interval (documents.first_passage, last_passage),
	# which search --year and --doc rely on
	sql "$1" "SELECT 'passage intervals off', count(*) FROM documents d
	              WHERE first_passage IS NOT (SELECT min(id) FROM passage_rows WHERE doc = d.id)
	                 OR last_passage IS NOT (SELECT max(id) FROM passage_rows WHERE doc = d.id)
	                 OR EXISTS (SELECT 1 FROM passage_rows p WHERE p.id BETWEEN d.first_passage
	                            AND d.last_passage AND p.doc <> d.id)" >>"$2"
	# the texts' chunks (passage_chunks): none left behind by a removed or replaced
	# document, none missing, and a document's chunks hold its passages alone
	sql "$1" "SELECT 'chunks off',
	              (SELECT count(*) FROM passage_chunks WHERE id NOT IN (SELECT chunk FROM passage_rows))
	            + (SELECT count(*) FROM passage_rows WHERE chunk NOT IN (SELECT id FROM passage_chunks))
	            + (SELECT count(*) FROM (SELECT chunk FROM passage_rows GROUP BY chunk
	                                     HAVING count(DISTINCT doc) > 1))" >>"$2"
	for q in dong '"thi hành án"' THADS 'khen thưởng' 1.419; do
		"$THIDUA" search --db "$1" --limit 0 --candidates 0 --format tsv "$q" |
			awk -F'\t' 'NR==1{for(i=1;i<=NF;i++){if($i=="path")a=i; if($i=="text")b=i}; next}
				{print $a "\t" $b}' | sort >>"$2"
	done
}

IX="index --encoding utf-8 --jobs 2"
t0=$(date +%s.%N)
run $IX --db clean.db corpus
expect_rc 0
expect_err "0 failed"
clean_s=$(echo "$(date +%s.%N) - $t0" | bc)
dump clean.db clean.txt
[ "$(wc -l <clean.txt)" -gt 3000 ] || fail "the clean dump is suspiciously small"
expect_eq "$(grep -c '^passage intervals off|0$' clean.txt)" "1" "every document's passage interval"
expect_eq "$(grep -c '^chunks off|0$' clean.txt)" "1" "every chunk used, by one document"

# --- kill -9 at moments spread over a clean run's duration (a fixed number of seconds would
# miss the run on a faster machine); each trial starts afresh, is killed, then one more run
# must give the clean database. The first run pays for cold caches, so later ones can be
# much faster: the moments lie in its first half.
kills=0
for f in 0.1 0.22 0.34 0.46; do
	rm -f killed.db killed.db-wal killed.db-shm
	"$THIDUA" $IX --db killed.db corpus >/dev/null 2>kill.err &
	pid=$!
	sleep "$(echo "$clean_s * $f" | bc)"
	if kill -9 "$pid" 2>/dev/null; then
		kills=$((kills + 1))
	fi
	wait "$pid" 2>/dev/null
	# whatever the moment, the database opens and answers
	run stats --db killed.db
	[ "$RC" -eq 0 ] || [ ! -s killed.db ] || fail "database unusable after kill at $f of a run: $ERR"
	run $IX --db killed.db corpus
	expect_rc 0
	dump killed.db killed.txt
	cmp -s clean.txt killed.txt || {
		diff clean.txt killed.txt | head -n 20 >&2
		fail "database after a kill at $f of a run differs from a clean run"
	}
done
[ "$kills" -ge 3 ] || fail "only $kills runs were still going when killed"
printf '%d kills, each followed by one run: identical to a clean run\n' "$kills" >&2

# --- search while index writes (WAL, busy timeout): every search answers
rm -f w.db*
run $IX --db w.db corpus/c
"$THIDUA" $IX --db w.db --force corpus/a corpus/c >/dev/null 2>&1 &
pid=$!
n=0
bad=0
while kill -0 "$pid" 2>/dev/null; do
	"$THIDUA" search --db w.db --limit 1 dong >/dev/null 2>search.err || bad=$((bad + 1))
	n=$((n + 1))
done
wait "$pid"
expect_eq "$?" "0" "index exit status while searched"
[ "$n" -ge 3 ] || fail "only $n searches ran during the index"
expect_eq "$bad" "0" "searches that failed while index wrote ($(cat search.err))"

# --- unchanged, changed, gone; --force; --keep-missing; --quiet
run $IX --db clean.db corpus
expect_err "0 indexed, $nfiles unchanged, 0 removed, 0 failed"
printf 'Bổ sung: khen thưởng đột xuất.\n' >>corpus/a/bao-cao-3.txt
rm corpus/b/bao-cao-1.txt
run $IX --db clean.db --keep-missing corpus
expect_err "1 indexed, $((nfiles - 2)) unchanged, 0 removed, 0 failed"
run $IX --db clean.db corpus
expect_err "0 indexed, $((nfiles - 1)) unchanged, 1 removed, 0 failed"
run search --db clean.db --format tsv 'đột xuất'
expect_out "bao-cao-3.txt"
run $IX --db clean.db --force corpus/c
expect_err "0 unchanged"
run $IX --db clean.db --quiet corpus
expect_rc 0
expect_eq "$ERR" "" "--quiet prints nothing"
# replaced and removed documents freed pages; a run that changed something gives them back
# to the file system (incremental auto-vacuum, lib/db.c and index.c)
dump clean.db after.txt
expect_eq "$(grep -c '^chunks off|0$' after.txt)" "1" "chunks after changes, removals, --force"
expect_eq "$(sql clean.db 'PRAGMA freelist_count')" "0" "free pages left after an index run"

# --- progress on a terminal: files done/total, MB, rate, time left; the summary after it
if command -v script >/dev/null; then
	nc=$(find corpus/c -type f | wc -l)
	script -qec "$THIDUA index --encoding utf-8 --db tty.db --jobs 1 corpus/c" /dev/null >tty.out 2>&1
	grep -q "/$nc files, " tty.out || fail "no progress line on a TTY: $(head -c 300 tty.out)"
	grep -q "MB/s" tty.out || fail "progress has no rate"
	grep -q "s left" tty.out || fail "progress has no time left"
	grep -q "$nc indexed, 0 unchanged, 0 removed, 0 failed" tty.out ||
		fail "no summary after the progress"
	run $IX --db notty.db corpus/c
	printf '%s' "$ERR" | grep -q "files, " && fail "progress printed when stderr is not a TTY"
fi

done_ok
