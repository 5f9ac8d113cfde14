# Word, Excel and PowerPoint 97–2003 files in TCVN3 and VNI: indexed with their legacy fonts
# decoded, searchable in Unicode; damaged ones get one line naming the file and the batch
# goes on.
. "$TOP/tests/cli/lib.sh"
LEG="$TOP/tests/fixtures/legacy/files"

mkdir batch
for f in tcvn3/2004-B6.doc tcvn3/2006-Mau-MTB-10M-Von-CtyHD.doc vni/2008-23.QD-991-UBND.doc \
	tcvn3/2004-1ED4D_Francois_Godement-Thoikyquado.doc tcvn3/2005-82F5B_NK_01-05.xls \
	vni/2006-Mau22_CKTC_NSH.xls tcvn3/2005-2005_04_14_084750.xls \
	vni/2009-Van-ban-phap-quy-2-_10-02-09.ppt; do
	cp "$LEG/$f" batch/
done
# the same files under names that say nothing: the reader is chosen by content
cp "$LEG/tcvn3/2004-B6.doc" batch/report.bin
# cut short in the middle of its streams
head -c 20000 "$LEG/tcvn3/2004-B6.doc" >batch/cut.doc
# the FIB (at 512, the first sector) says the document is encrypted: set fEncrypted
cp "$LEG/tcvn3/2004-B6.doc" batch/locked.doc
flags=$(od -An -tu1 -j 523 -N1 batch/locked.doc | tr -d ' ')
printf "\\$(printf '%03o' $((flags | 1)))" | dd of=batch/locked.doc bs=1 seek=523 conv=notrunc 2>/dev/null

run index --db t.db batch
expect_rc 1 "two damaged files"
expect_err "batch/locked.doc: encrypted Word file"
expect_err "batch/cut.doc: "
expect_err "9 indexed, 0 unchanged, 0 removed, 2 failed"
# one line per failed file, no library chatter
expect_eq "$(printf '%s\n' "$ERR" | grep -c 'cut.doc')" "1" "lines about cut.doc"
expect_eq "$(printf '%s\n' "$ERR" | grep -c 'WARNING')" "0" "library warnings on stderr"

run docs --db t.db --format tsv
printf '%s\n' "$OUT" | cut -f2,3,4 | sed 's|.*/||' | sort >formats
grep -qx "2004-B6.doc	doc	tcvn3" formats || fail "B6.doc format/encoding: $(cat formats)"
grep -qx "report.bin	doc	tcvn3" formats || fail "report.bin not read as Word"
grep -qx "2008-23.QD-991-UBND.doc	doc	vni" formats || fail "QD-991 encoding"
grep -qx "2005-82F5B_NK_01-05.xls	xls	tcvn3" formats || fail "xls encoding"
grep -qx "2006-Mau22_CKTC_NSH.xls	xls	vni" formats || fail "VNI xls encoding"
# TCVN3 typed into cells whose font is Arial: found by detection, not by the font
grep -qx "2005-2005_04_14_084750.xls	xls	tcvn3" formats || fail "xls with TCVN3 in Arial"
grep -qx "2009-Van-ban-phap-quy-2-_10-02-09.ppt	ppt	vni" formats || fail "ppt encoding"

# TCVN3 Word text, searched without diacritics
run search --db t.db --limit 0 --format tsv '"che do ke toan doanh nghiep"'
expect_out "2004-B6.doc"
expect_out "Hệ thống Chế độ Kế toán doanh nghiệp gồm:"
# VNI Word text
run search --db t.db --format tsv '"quy hoạch sử dụng rừng"'
expect_out "2008-23.QD-991-UBND.doc"
# Excel cells, TCVN3 and VNI
run search --db t.db --format tsv '"linh kiện xe máy"'
expect_out "Linh kiện xe máy CKD,IKD"
run search --db t.db --format tsv '"lâm trường"'
expect_out "Lâm trường A"
# PowerPoint, VNI in the master's font
run search --db t.db --format tsv '"luật đất đai"'
expect_out "LUẬT ĐẤT ĐAI (HIỆU LỰC 01/7/2004)"
# nothing left in cp1252 mojibake from legacy-font runs
run search --db t.db --limit 0 --format tsv 'Tæng OR chÝnh OR tµi OR Coäng OR hoaø'
expect_eq "$(tsv_rows)" "0" "mojibake left in the index"

# thidua text: the same reading, one paragraph per line
run text "$LEG/tcvn3/2004-B6.doc"
expect_rc 0
expect_out "Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm"
run text batch/cut.doc
expect_rc 1
expect_err "cut.doc: "

done_ok
