#!/bin/sh
# Install the Debian packages thidua builds and tests with, only those missing.
# Called by `make deps` (and so by `make demo` and `make test`); prints nothing when all are present.
# Extra package names as arguments are installed too (make bench-national: recollcmd ripgrep).
set -eu
pkgs="build-essential pkg-config cppcheck clang libsqlite3-dev sqlite3 libicu-dev libmagic-dev libcmocka-dev
libzstd-dev zstd libssl-dev libarchive-dev libxml2-dev libjson-glib-dev libpoppler-glib-dev libgsf-1-dev libtesseract-dev tesseract-ocr-vie
libleptonica-dev libcairo2-dev tesseract-ocr libpango1.0-dev fonts-liberation poppler-utils imagemagick img2pdf
hunspell-vi recode libarchive-tools qpdf zip time python3 bc
jq icu-devtools unzip libxml2-utils file $*"
missing=""
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	"install ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "deps: need root (or sudo) to install:$missing" >&2
		exit 2
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
