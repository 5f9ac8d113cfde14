# Errors: one clear line naming the thing, the rest of the batch indexed, exit codes 0/1/2.
. "$TOP/tests/cli/lib.sh"

run index --db t.db --bogus x
expect_rc 2
expect_err "unknown option"

run search --db missing.db dong
expect_rc 2
expect_err "missing.db: no such database"

run frobnicate
expect_rc 2
expect_err "'frobnicate' is not a command"

mkdir batch
cp "$SEED" batch/good.txt
printf 'B\341o c\341o n\343m 2020\n' >batch/latin1.txt # 8-bit: read as CP1258, "Báo cáo năm"
printf 'B\303\241o c\303\241o n\304\203m 2020 \377\n' >batch/badutf8.txt # UTF-8 with a bad byte
head -c 4096 /dev/urandom >batch/junk.bin
: >batch/empty.txt
run index --db t.db batch
expect_rc 1
expect_err "batch/badutf8.txt: not UTF-8 text"
expect_err "batch/junk.bin: unsupported file type (libmagic says"
expect_err "batch/empty.txt: empty file"
expect_err "2 indexed, 0 unchanged, 0 removed, 3 failed"
run search --db t.db --format tsv THADS
expect_out "good.txt"

# a file that is not a database is refused and left untouched
printf 'not a database at all, just text\n' >notdb
cp notdb notdb.orig
run index --db notdb batch/good.txt
expect_rc 2
expect_err "not a thidua database"
cmp -s notdb notdb.orig || fail "a foreign --db file was modified"

# an SQLite file that is not ours is refused too
sqlite3 other.db "CREATE TABLE x(y); INSERT INTO x VALUES (1);" 2>/dev/null ||
	printf 'SQLite format 3\000' >other.db
cp other.db other.orig
run search --db other.db dong
expect_rc 2
cmp -s other.db other.orig || fail "a foreign SQLite file was modified"

# every command has --help
for c in index text search docs passages stats; do
	run "$c" --help
	expect_rc 0
	expect_out "usage: thidua $c"
done
run --version
expect_out "thidua "

done_ok
