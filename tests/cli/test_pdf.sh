# Issue 3, .pdf: text layer per page, legacy-font runs decoded, pages without a text layer
# reported, encrypted and truncated files refused with one line, junk before %PDF accepted.
. "$TOP/tests/cli/lib.sh"

# mkpdf FILE PAGE_STREAM...: a minimal PDF, one page per content stream, Helvetica text
mkpdf() {
	local f=$1 i=0 n kids="" objs="" s
	shift
	n=$#
	for s in "$@"; do
		kids="$kids $((4 + 2 * i)) 0 R"
		objs="$objs$((4 + 2 * i)) 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 3 0 R >> >> /Contents $((5 + 2 * i)) 0 R >> endobj
$((5 + 2 * i)) 0 obj << /Length ${#s} >> stream
$s
endstream endobj
"
		i=$((i + 1))
	done
	printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [%s] /Count %d >> endobj\n3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> endobj\n%strailer << /Root 1 0 R /Size %d >>\n%%%%EOF\n' \
		"$kids" "$n" "$objs" $((4 + 2 * n)) >"$f"
}

mkpdf two.pdf "BT /F1 12 Tf 20 150 Td (Bao cao tong ket thi dua nam 2005) Tj ET" "0 0 1 rg 10 10 50 50 re f"
run text two.pdf
expect_rc 0
expect_out "Bao cao tong ket thi dua nam 2005"
expect_err "page 2 has no text layer"

# up to 1 KiB of junk before the header: libmagic says octet-stream, the sniffer finds it
{ head -c 700 /dev/zero | tr '\0' 'x'; cat two.pdf; } >junk.pdf
run text junk.pdf
expect_rc 0
expect_out "Bao cao tong ket"

# encrypted: a Standard security handler whose user password is not empty
mkpdf plain.pdf "BT /F1 12 Tf 20 150 Td (secret) Tj ET"
sed 's|trailer << /Root 1 0 R|trailer << /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> /U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] /Root 1 0 R|' plain.pdf >enc.pdf
run text enc.pdf
expect_rc 1
expect_err "enc.pdf: encrypted PDF"

# truncated: the header and a few bytes
head -c 60 plain.pdf >cut.pdf
run text cut.pdf
expect_rc 1
expect_err "cut.pdf: damaged or truncated PDF"

# a real TCVN3 PDF (.VnTime subset fonts): the text comes back in Unicode, case as typed
run text "$TOP/tests/fixtures/legacy/files/tcvn3/2006-19412_QD115.04TTg_BLTch_DNNVV.pdf"
expect_rc 0
expect_out "Thủ tướng Chính phủ"
expect_out "bảo lãnh tín dụng cho doanh nghiệp nhỏ và vừa"

# a batch goes on past bad PDFs
mkdir batch
cp two.pdf enc.pdf cut.pdf batch/
run index --db p.db batch
expect_rc 1
expect_err "1 indexed, 0 unchanged, 0 removed, 2 failed"
done_ok
