# Bad input (issue 3): each bad file gets one line on stderr naming it and what is wrong,
# the rest of the batch is indexed, nothing already in the database is lost, exit code 1.
# A corrupt or foreign --db is fatal (exit 2) and left untouched. Every fixture is made here.
. "$TOP/tests/cli/lib.sh"
FIX="$TOP/tests/fixtures/modern"
here=$(pwd)

# --- what is in the database before the bad batch, and must still be there after
mkdir old
cp "$SEED" old/seed.txt
cp "$FIX/seed.docx" old/report.docx
run index --db t.db old
expect_rc 0
expect_err "2 indexed"

mkdir batch
cp "$FIX/features.odt" batch/good.odt
printf 'Tòa án nhân dân tỉnh được tặng Cờ thi đua.\n' >batch/good.txt
: >batch/empty.txt
head -c 65536 /dev/urandom >batch/random.bin
# text with the signature of a format thidua does not read: libmagic's database names it
# (data/text_signatures.magic sends text-like files with such a signature there)
{ printf '%%!PS-Adobe-3.0\n'; head -n 40 "$SEED"; } >batch/report.ps
{ printf -- '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n'; head -n 40 "$SEED"; } >batch/key.asc
n=$(wc -c <"$FIX/features.docx")
head -c $((n / 2)) "$FIX/features.docx" >batch/truncated.docx
printf 'Khen thưởng.\n' >member.txt
zip -q whole.zip member.txt "$FIX/seed.expected.txt"
head -c $(($(wc -c <whole.zip) / 2)) whole.zip >batch/truncated.zip
# a PDF cut short: qpdf makes a real one, we keep its first half
if command -v qpdf >/dev/null; then
	qpdf --empty full.pdf
	head -c $(($(wc -c <full.pdf) / 2)) full.pdf >batch/truncated.pdf
	# an encrypted PDF (AES-256, user password "secret")
	qpdf --encrypt secret owner 256 -- full.pdf batch/encrypted.pdf
else
	printf 'qpdf missing (tools/deps.sh installs it): no PDF checks\n' >&2
fi
# a zip bomb: 300 MB of zeros in a ~300 KB zip
head -c 300000000 /dev/zero >zeros.txt
zip -q batch/bomb.zip zeros.txt
rm zeros.txt
# member names that would leave the archive
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("batch/escape.zip", "w") as z:
    z.writestr("../../escaped.txt", "Khen thưởng ra ngoài")
    z.writestr("inside.txt", "Đơn vị thi đua xuất sắc năm 2020")
PY
# a file that says it is UTF-8 (byte-order mark) but is not
printf '\357\273\277Thi \304\221ua \377\376 khen th\306\260\341\273\237ng\n' >batch/claims-utf8.txt
# a folder that links back to itself
mkdir -p batch/loop/inner
printf 'Trong vòng lặp.\n' >batch/loop/inner/x.txt
ln -s .. batch/loop/inner/back
# a file only root could read: the indexer runs as nobody below, so the check is real
printf 'Bí mật.\n' >batch/locked.txt
chmod 000 batch/locked.txt
# a 200 MB text file: 2 MB of report text among padding lines, streamed in chunks
for i in $(seq 1 32); do
	cat "$SEED"
	yes '                                                                               ' | head -c 6400000
done >batch/huge.txt

chmod -R a+rwX "$here" 2>/dev/null
chmod 000 batch/locked.txt
chmod a+rx "$here"
NOBODY=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
# peak memory, and a bound on it (ASan's quarantine kept small so it measures us)
export ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=16"
OUT=$($NOBODY /usr/bin/time -f 'maxrss_kb=%M' "$THIDUA" index --db t.db batch old 2>stderr.txt)
RC=$?
ERR=$(cat stderr.txt)
grep -q Sanitizer stderr.txt && fail "sanitizer report: $ERR"
rss=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' stderr.txt)
expect_rc 1
expect_err "batch/empty.txt: empty file"
expect_err "batch/random.bin: unsupported file type (libmagic says application/octet-stream)"
expect_err "batch/report.ps: unsupported file type (libmagic says application/postscript)"
expect_err "batch/key.asc: unsupported file type (libmagic says application/pgp-keys)"
expect_err "batch/truncated.docx: damaged or truncated docx: "
expect_err "batch/truncated.zip: damaged or truncated archive: "
expect_err "batch/bomb.zip: expands beyond the limits"
expect_err "likely zip bomb"
expect_err "batch/escape.zip!../../escaped.txt: member name leaves the archive"
expect_err "batch/claims-utf8.txt: not UTF-8 text: invalid byte 0xFF"
expect_err "batch/loop/inner/back: symbolic link to a folder already visited"
if [ -n "$NOBODY" ]; then
	expect_err "batch/locked.txt: Permission denied"
fi
if command -v qpdf >/dev/null; then
	printf '%s\n' "$ERR" | grep -q 'batch/truncated.pdf: ' || fail "no line for the truncated pdf"
	printf '%s\n' "$ERR" | grep -q 'batch/encrypted.pdf: ' || fail "no line for the encrypted pdf"
fi
# one line per bad file, each naming it
for f in empty.txt random.bin truncated.docx truncated.zip bomb.zip claims-utf8.txt; do
	expect_eq "$(printf '%s\n' "$ERR" | grep -c "batch/$f")" "1" "lines naming $f"
done
[ -e escaped.txt ] || [ -e ../escaped.txt ] || [ -e ../../escaped.txt ] && fail "a member was written to disk"
# the rest of the batch is indexed: good files, the safe member, the huge file
run docs --db t.db --format tsv
for p in batch/good.odt batch/good.txt 'batch/escape.zip!inside.txt' batch/huge.txt \
	batch/loop/inner/x.txt old/seed.txt old/report.docx; do
	tsv_col path | grep -qxF "$here/$p" || fail "$p not indexed"
done
# the huge file: every paragraph of its 32 copies, in order, with bounded memory
huge_id=$(printf '%s\n' "$OUT" | awk -F'\t' -v p="$here/batch/huge.txt" '$2==p{print $1}')
huge_passages=$(printf '%s\n' "$OUT" | awk -F'\t' -v p="$here/batch/huge.txt" '$2==p{print $7}')
# streamed in chunks, it must give what the seed gives read whole, 32 times over
run index --db seed-alone.db "$SEED"
run docs --db seed-alone.db --format tsv
seed_passages=$(tsv_col passages)
run passages --db seed-alone.db --format tsv
seed_last=$(tsv_col text | tail -n 1)
[ "$seed_passages" -gt 100 ] || fail "the seed alone gave $seed_passages passages"
expect_eq "$huge_passages" "$((32 * seed_passages))" "passages of the huge file (32 x the seed's)"
run passages --db t.db --doc "$huge_id" --format tsv
expect_eq "$(tsv_col ordinal | tail -n 1)" "$((32 * seed_passages))" "ordinals run on across chunks"
expect_eq "$(tsv_col text | tail -n 1)" "$seed_last" "last paragraph"
expect_eq "$(sql t.db "SELECT first_passage = (SELECT min(id) FROM passage_rows WHERE doc = $huge_id)
	AND last_passage = (SELECT max(id) FROM passage_rows WHERE doc = $huge_id)
	FROM documents WHERE id = $huge_id")" "1" "the streamed file's passage interval"
[ -n "$rss" ] || fail "no peak memory measured"
# baseline: the same run over one small file
$NOBODY /usr/bin/time -f 'maxrss_kb=%M' "$THIDUA" index --db base.db batch/good.txt 2>base.txt
base=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' base.txt)
printf 'peak RSS %s kB with the 200 MB file, %s kB for one small file\n' "$rss" "$base" >&2
[ $((rss - base)) -lt 153600 ] || fail "peak RSS $rss kB is more than 150 MB over the baseline $base kB"
# nothing already in the database was lost
run search --db t.db --format tsv --limit 0 THADS
expect_out "old/seed.txt"
expect_out "old/report.docx"

# a file that was indexed and is now damaged keeps its old document
head -c 1000 "$FIX/seed.docx" >old/report.docx
run index --db t.db old
expect_rc 1
expect_err "old/report.docx: damaged or truncated docx"
run search --db t.db --format tsv --limit 0 THADS
expect_out "old/report.docx"

# --- corrupt or foreign --db: fatal, exit 2, the file untouched
cp t.db good.db
head -c $(($(wc -c <good.db) / 2)) good.db >half.db
cp half.db half.orig
run index --db half.db batch/good.txt
expect_rc 2
cmp -s half.db half.orig || fail "a truncated database was modified"
{
	printf 'SQLite format 3\000'
	head -c 8192 /dev/urandom
} >garbage.db
cp garbage.db garbage.orig
run index --db garbage.db batch/good.txt
expect_rc 2
expect_err "garbage.db: "
cmp -s garbage.db garbage.orig || fail "a corrupt database was modified"
run search --db garbage.db dong
expect_rc 2
cmp -s garbage.db garbage.orig || fail "search modified a corrupt database"
# a database whose pages read but whose packed figures do not decode: the commands that read
# figures fail naming the file and the document, not answer with fewer findings
run index --db figs.db "$SEED"
expect_rc 0
sql figs.db "UPDATE figure_packs SET figures = substr(figures, 1, 40)"
for cmd in audit figures "trend --figure suất"; do
	# shellcheck disable=SC2086 # the command's words
	run $cmd --db figs.db
	expect_rc 2
	expect_err "figs.db: damaged figures of document 1 (figure_packs)"
done

# a page of passage text that does not unpack: every command reading it says so, naming the
# file, where a listing cut short or a search without that passage would look complete
run index --db text.db "$SEED"
sql text.db "UPDATE passage_chunks SET packed = substr(packed, 1, 30) WHERE id = (SELECT chunk FROM passage_rows WHERE ordinal = 40 AND doc = 1)"
for cmd in "show 1" "passages --doc 1" "audit --check total_mismatch"; do
	# shellcheck disable=SC2086 # the command's words
	run $cmd --db text.db
	expect_rc 2
	expect_err "text.db: damaged passage text (vn_slice)"
done

done_ok
