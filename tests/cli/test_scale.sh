# How each query command's work grows with the archive: a plan that turns quadratic must
# fail here, not on a user's national archive.
#
# `trend --award "Cờ thi đua"` once walked every award of its kind for each row (a correlated
# subquery on the index by award): unnoticed on the test corpora, more than 15 minutes on
# the national one. Wall time cannot show that at test size; SQLite's count of the steps its
# virtual machine ran can (THIDUA_VM_STEPS, lib/db.c). Two generated corpora, the second
# about eight times the first (four times the provinces, twice the blocs); every command's
# count may grow at most 1.5 times as much as the corpus did. Linear work grows about as the
# corpus (or less: fixed costs, capped results); quadratic work about as its square.
. "$TOP/tests/cli/lib.sh"

GEN="$(dirname "$THIDUA")/thidua-gen"
for size in "small 1 2" "large 4 4"; do
	set -- $size
	"$GEN" --provinces "$2" --blocs "$3" --years 2006-2013 --formats txt --no-truth --quiet \
		--out "$1" 2>gen.err || { cat gen.err >&2; fail "thidua-gen $1"; }
	THIDUA_VM_STEPS=1 run index --quiet --db "$1.db" "$1/docs"
	expect_rc 0 "index $1"
	eval "index_$1=\$(sed -n 's/^thidua: vm steps //p' stderr.txt | tail -1)"
	# again, nothing changed: one look at each file's row
	THIDUA_VM_STEPS=1 run index --quiet --db "$1.db" "$1/docs"
	expect_rc 0 "index $1 again"
	eval "again_$1=\$(sed -n 's/^thidua: vm steps //p' stderr.txt | tail -1)"
done

# the corpus's growth, in documents and in facts
count() { sql "$1" "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM awards)"; }
small=$(count small.db)
large=$(count large.db)
docs_ratio=$(echo "${large%|*} ${small%|*}" | awk '{printf "%.2f", $1 / $2}')
awards_ratio=$(echo "${large#*|} ${small#*|}" | awk '{printf "%.2f", $1 / $2}')
# the generator's parameters must give what this test assumes: about eight times the reports
awk -v r="$docs_ratio" 'BEGIN { exit !(r >= 6 && r <= 10) }' ||
	fail "corpora: large has $docs_ratio times the documents of small (want about 8)"
CHECKS=$((CHECKS + 1))
limit=$(awk -v a="$docs_ratio" -v b="$awards_ratio" 'BEGIN { m = a > b ? a : b; printf "%.2f", 1.5 * m }')

steps() { # db, command...: the VM steps the command ran
	db=$1
	shift
	cmd=$1
	shift
	OUT=$(THIDUA_VM_STEPS=1 "$THIDUA" "$cmd" --db "$db" "$@" 2>stderr.txt)
	RC=$?
	ERR=$(cat stderr.txt)
	grep -q "Sanitizer" stderr.txt && { cat stderr.txt >&2; fail "sanitizer report: $cmd $*"; }
	[ "$RC" -eq 0 ] || fail "thidua $cmd $* on $db: exit $RC: $ERR"
	sed -n 's/^thidua: vm steps //p' stderr.txt | tail -1
}

printf 'corpus: %s times the documents, %s times the awards; a command may grow %s times\n' \
	"$docs_ratio" "$awards_ratio" "$limit"

grew() { # what, small, large[, limit]: the growth of the counts within the limit
	[ -n "$2" ] && [ -n "$3" ] && [ "$2" -gt 0 ] || fail "$1: no step count (THIDUA_VM_STEPS)"
	r=$(awk -v l="$3" -v s="$2" 'BEGIN { printf "%.2f", l / s }')
	printf '%-58s %9s -> %9s  x%s\n' "$1" "$2" "$3" "$r"
	CHECKS=$((CHECKS + 1))
	awk -v r="$r" -v m="${4:-$limit}" 'BEGIN { exit !(r <= m) }' ||
		fail "$1: work grew $r times for a corpus $docs_ratio times larger ($awards_ratio times the awards; limit ${4:-$limit})"
}

check() { # command...: run on both corpora
	grew "$*" "$(steps small.db "$@")" "$(steps large.db "$@")"
}

# Indexing is work per document, most of it inserts: a lookup the writer makes for each
# mention (its unit, its campaign, its alias) that came to scan the units instead of seeking
# them grows the whole run 11.7-fold here (checked with the unit lookup's index disabled), so
# an index run may grow at most 1.25 times as much as the documents (today 7.4 for 7.8).
index_limit=$(awk -v a="$docs_ratio" 'BEGIN { printf "%.2f", 1.25 * a }')
grew "index" "$index_small" "$index_large" "$index_limit"
grew "index again, nothing changed" "$again_small" "$again_large" "$index_limit"
check trend --award "Cờ thi đua" --format tsv
check trend --award "Bằng khen" --unit "Công an tỉnh" --format tsv
check trend --award "Giấy khen" --by unit --format tsv
check trend --figure "suất quà" --by province --format tsv
check trend "thi đua" --format tsv
check awards --award "Cờ thi đua" --format tsv
check awards --unit "Công an tỉnh" --format tsv
check units --format tsv
check units --unit "Công an tỉnh" --format tsv
check campaigns --format tsv
check figures --kind ratio --format tsv
check audit --format tsv
check audit --check unit_gap --format tsv
check audit --check duplicate_document --format tsv
check audit --check total_mismatch --format tsv
check search --unit "Công an tỉnh" --format tsv khen thưởng
check search --year 2008-2010 --format tsv "bằng khen"
check search --limit 0 --format tsv VKSND
check docs --format tsv
check show 3
check passages --doc 3 --format tsv
done_ok
