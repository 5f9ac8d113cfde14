/*
 * vn_enc internals shared by the decoder (vn_enc.c) and the detector (vn_enc_detect.c):
 * decoding into UTF-16 so candidates can be scored before anything is converted to UTF-8.
 */
#ifndef THIDUA_VN_ENC_IMPL_H
#define THIDUA_VN_ENC_IMPL_H
#include <stddef.h>
#include <unicode/utypes.h>

#include "util.h"
#include "vn_enc.h"

struct vn_ubuf {
	UChar *p;
	size_t n, cap;
};

void vn_ubuf_add(struct vn_ubuf *u, const UChar *s, int32_t n);
/* Append s[0..n) to out as NFC UTF-8, upper-cased when upper. */
void vn_ubuf_emit(const UChar *s, size_t n, int upper, struct buf *out);
/* Decode legacy bytes into UTF-16 (not yet NFC). */
void vn_enc_decode_u(enum vn_charset cs, const unsigned char *s, size_t n, struct vn_ubuf *u);
/* Repair with a known legacy charset: characters that spell bytes are decoded, others kept. */
void vn_enc_repair_as(enum vn_charset cs, const char *utf8, size_t n, int upper, struct buf *out);

/* Capitals a TCVN3 lower-case font could not show, restored in all-capital words. */
void vn_enc_fix_caps(UChar *u, size_t n);

#endif
