# Archives: each member its own document "a.zip!b.docx", nested archives, incremental
# re-indexing by the archive's sha256, and the refusals (unsafe names, bombs, depth).
. "$TOP/tests/cli/lib.sh"
FIX="$TOP/tests/fixtures/modern"

mkdir -p src/sub
cp "$FIX/features.docx" src/a.docx
cp "$FIX/seed.odt" src/report.odt
printf 'Công an tỉnh được tặng Cờ thi đua năm 2020.\n' >src/b.txt
printf 'Viện kiểm sát nhân dân tỉnh hoàn thành nhiệm vụ.\n' >src/sub/c.txt
(cd src && zip -qr inner.zip sub && zip -q ../outer.zip a.docx b.txt report.odt inner.zip && rm inner.zip)
mkdir batch
mv outer.zip batch/
(cd src && tar czf ../batch/bundle.tgz b.txt sub)
gzip -c src/b.txt >batch/note.txt.gz
bsdtar --format 7zip -cf batch/pack.7z -C src a.docx

run index --db t.db batch
expect_rc 0
expect_err "8 indexed, 0 unchanged, 0 removed, 0 failed"
run docs --db t.db --format tsv
B=$(cd batch && pwd)
for p in outer.zip!a.docx outer.zip!b.txt outer.zip!report.odt outer.zip!inner.zip!sub/c.txt \
	bundle.tgz!b.txt bundle.tgz!sub/c.txt note.txt.gz!note.txt pack.7z!a.docx; do
	[ "$p" = "note.txt.gz!note.txt" ] && continue
	tsv_col path | grep -qxF "$B/$p" || fail "no document $B/$p"
done
tsv_col path | grep -qxF "$B/note.txt.gz!note.txt" || fail "a lone .gz is one document named without .gz"
expect_eq "$(tsv_col format | sort | uniq -c | tr -s ' ' | tr '\n' ';')" " 2 docx; 1 odt; 5 text;" "formats of members"
# every member carries the sha256 of its archive file
expect_eq "$(tsv_col sha256 | sort -u | wc -l)" "4" "one sha256 per archive on disk"
run search --db t.db --format tsv --limit 0 '"viện kiểm sát"'
expect_out "outer.zip!inner.zip!sub/c.txt"
expect_out "bundle.tgz!sub/c.txt"
run search --db t.db --format tsv 'hộp văn bản'
expect_out "pack.7z!a.docx"

# unchanged archives are skipped as a whole
run index --db t.db batch
expect_err "0 indexed, 4 unchanged, 0 removed, 0 failed"

# a changed archive replaces all its members: the one left out is gone
(cd src && zip -q ../outer2.zip b.txt report.odt) && mv outer2.zip batch/outer.zip
run index --db t.db batch
expect_rc 0
expect_err "2 indexed, 3 unchanged, 0 removed, 0 failed"
run docs --db t.db --format tsv
tsv_col path | grep -qF "outer.zip!a.docx" && fail "member removed from the zip still indexed"
tsv_col path | grep -qF "outer.zip!inner.zip" && fail "nested member removed from the zip still indexed"
expect_eq "$(tsv_rows)" "6" "documents after the change"

# an archive gone from the folder takes its members with it (unless --keep-missing)
rm batch/bundle.tgz
run index --db t.db --keep-missing batch
expect_err "0 removed"
run index --db t.db batch
expect_err "0 indexed, 3 unchanged, 2 removed, 0 failed"

# a file name with '!' in it is still one file
cp src/b.txt 'batch/Quan trọng!.txt'
(cd src && zip -q '../batch/Khen!thưởng.zip' b.txt)
run index --db t.db batch
expect_rc 0
expect_err "2 indexed, 3 unchanged, 0 removed, 0 failed"
run index --db t.db batch
expect_err "0 indexed, 5 unchanged, 0 removed, 0 failed"
rm 'batch/Khen!thưởng.zip'
run index --db t.db batch
expect_err "0 indexed, 4 unchanged, 1 removed, 0 failed"

# refused members: the rest of the archive is indexed, each refusal is one line
python3 - <<'PY' 2>/dev/null || printf 'no python3: skipping the ../ zip\n' >&2
import zipfile
with zipfile.ZipFile("evil.zip", "w") as z:
    z.writestr("../../evil.txt", "Khen thưởng ra ngoài thư mục")
    z.writestr("/etc/thidua-abs.txt", "Đường dẫn tuyệt đối")
    z.writestr("ok.txt", "Thi đua yêu nước năm 2020")
PY
if [ -f evil.zip ]; then
	run index --db t.db evil.zip
	expect_rc 1
	expect_err "evil.zip!../../evil.txt: member name leaves the archive"
	expect_err "evil.zip!/etc/thidua-abs.txt: member name leaves the archive"
	expect_err "1 indexed, 0 unchanged, 0 removed, 2 failed"
	[ -e ../evil.txt ] || [ -e /etc/thidua-abs.txt ] && fail "a member was written to disk"
	run search --db t.db --format tsv 'yêu nước'
	expect_out "evil.zip!ok.txt"
fi

# archives nested four deep: the innermost is not opened
printf 'Sâu nhất.\n' >deep.txt
zip -q l4.zip deep.txt && zip -q l3.zip l4.zip && zip -q l2.zip l3.zip && zip -q l1.zip l2.zip
run text l1.zip
expect_rc 1
expect_err "l1.zip!l2.zip!l3.zip!l4.zip: archives nested more than 3 deep"
zip -q l2b.zip l4.zip && zip -q l1b.zip l2b.zip
run text l1b.zip
expect_rc 0
expect_out "Sâu nhất."

# a member of an unsupported type is one failure; its neighbours are indexed
head -c 2048 /dev/urandom >noise.bin
zip -q mixed.zip noise.bin deep.txt
run index --db m.db mixed.zip
expect_rc 1
expect_err "mixed.zip!noise.bin: unsupported file type (libmagic says"
expect_err "1 indexed, 0 unchanged, 0 removed, 1 failed"

# a report opening with "Xác định" starts with bytes 58 C3, a valid zlib header to
# libmagic's signature test: it is text all the same
printf 'Xác định nhiệm vụ thi đua năm 2020.\n' >xac.txt
run text xac.txt
expect_rc 0
expect_out "Xác định nhiệm vụ"

done_ok
