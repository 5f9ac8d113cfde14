# Issue 5: scanned PDFs and images through Tesseract — OCR'd text searchable and marked,
# the signature stamp as metadata, the cache surviving --force and a rebuilt database,
# one clear line when the Vietnamese data is missing. Fixtures: tests/fixtures/ocr/
# (PROVENANCE.md: rendered from transcripts by tools/ocr_render.c, not by thidua).
. "$TOP/tests/cli/lib.sh"
FX="$TOP/tests/fixtures/ocr"

if [ ! -f "${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata}/vie.traineddata" ]; then
	echo "SKIPPED: Tesseract's Vietnamese data is not installed (tesseract-ocr-vie)"
	exit 0
fi

mkdir scans
cp "$FX/signed-scan.pdf" "$FX/tuyen-truyen-150dpi.png" scans/

# a scan is searchable: words of the transcript, with their diacritics, found
run index --db t.db --jobs 2 scans
expect_rc 0
expect_err "OCR: 2 pages, 0 from the cache"
run search --db t.db --format tsv "biểu thuế nhập khẩu"
expect_rc 0
expect_out "signed-scan.pdf" "words of the scanned PDF"
run search --db t.db --format tsv "\"phong trào thi đua yêu nước\""
expect_out "tuyen-truyen-150dpi.png" "a phrase of the 150 dpi image"

# OCR passages are marked with their confidence and can be filtered
run search --db t.db --format tsv --ocr-only "thi đua"
ocr=$(tsv_col ocr | head -1)
case "$ocr" in [5-9][0-9]* | 100*) ;; *) fail "ocr column should be a confidence, got '$ocr'" ;; esac
run search --db t.db --format tsv --no-ocr "thi đua"
expect_eq "$(tsv_rows)" 0 "--no-ocr on a database of scans"

# the stamp is metadata, not body text
doc=$(sql t.db "SELECT id FROM documents WHERE path LIKE '%signed-scan.pdf'")
run show --db t.db "$doc"
expect_out "signed by    Ủy ban Nhân dân tỉnh Quảng Bình"
expect_out "signing body Tỉnh Quảng Bình"
expect_out "signed at    2022-10-24 15:17:35"
expect_out "1 page read by OCR"
run search --db t.db --format tsv "\"thời gian ký\""
expect_eq "$(tsv_rows)" 0 "stamp text is not indexed as body text"
run show --db t.db --ocr-raw "$doc"
expect_rc 0
expect_out "--- page 1 (OCR, mean word confidence"
expect_out "Nghị định số 86/2002/NĐ-CP"

# --force on unchanged scans, and a new database beside the same cache: nothing OCR'd again
run index --db t.db --force scans
expect_rc 0
expect_err "OCR: 2 pages, 2 from the cache"
rm t.db t.db-wal t.db-shm 2>/dev/null || rm -f t.db
run index --db t.db scans
expect_err "OCR: 2 pages, 2 from the cache"
run search --db t.db --format tsv "biểu thuế nhập khẩu"
expect_out "signed-scan.pdf" "from the cache"

# a multi-page TIFF: every page read, in order
mkdir tiff
cp "$FX/two-pages.tif" tiff/
run index --db v.db tiff
expect_rc 0
run search --db v.db --format tsv "\"tổ chức phát động\""
expect_out "two-pages.tif" "page 2 of the TIFF"
run show --db v.db --ocr-raw 1
expect_out "--- page 2 (OCR"
expect_out "phong trào thi đua yêu nước" "page 1 of the TIFF"

# a form's dotted leaders are fill, painted out before Tesseract reads the page: the
# labels beside them come back (read with the dots, the first line was lost, and the rest
# ended in letters made of dots: "BHXH.......1Øgầy")
run text "$FX/form-leaders.png"
expect_rc 0
expect_out "Họ và tên:" "the label before a leader"
expect_out "Tuổi" "the label after a leader"
expect_out "Đơn vị công tác:"
expect_out "Lý do nghỉ việc:"
expect_out "hưởng BHXH"
expect_out "3- Lương tháng đóng BHXH:"
expect_out "đồng"
expect_not_out "......" "no leader read as text"

# Vietnamese data missing: one line naming the package; the rest of the batch indexed
mkdir empty more
cp scans/signed-scan.pdf more/
printf 'Báo cáo tổng kết công tác thi đua năm 2020\n' >more/plain.txt
run text --ocr auto scans/tuyen-truyen-150dpi.png
expect_rc 0
TESSDATA_PREFIX="$PWD/empty" run index --db u.db more
expect_rc 1
expect_err "signed-scan.pdf: OCR unavailable: Tesseract has no Vietnamese language data (install the Debian package tesseract-ocr-vie)"
expect_err "1 indexed"
run search --db u.db --format tsv "tổng kết"
expect_out "plain.txt"

# --ocr never: the scan is a document without text, said so
run text --ocr never scans/signed-scan.pdf
expect_err "page 1 has no text layer"

done_ok
