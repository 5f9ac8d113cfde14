/*
 * units: which agency of the province a passage is about and which ones it names.
 *
 * The inventory is data/units.tsv: canonical provincial agencies with their aliases and
 * abbreviations (Công an tỉnh = CA tỉnh = Công an Tuyên Quang), their district branches
 * ("Tòa án nhân dân huyện Chiêm Hóa", and "…, huyện Lâm Bình" after it), and short forms
 * that mean a unit only inside a passage about it ("Cục" in a paragraph of Cục THADS tỉnh).
 * Matching ignores accents and case (lib/vn_words). A name followed by the province
 * ("Thanh tra tỉnh Tuyên Quang") is the same unit; a body of a centrally-run city
 * ("Tòa án nhân dân thành phố Hà Nội") belongs to another province and is not a unit here.
 */
#ifndef THIDUA_UNITS_H
#define THIDUA_UNITS_H
#include "doc.h"
#include "vn_words.h"

/*
 * Where a name is read: the unit the passage is about (enables short forms: "Cục" in a
 * paragraph of Cục THADS tỉnh) and the document's province (data/provinces.tsv name, NULL
 * when unknown). In a centrally-run city "Công an thành phố" is the city's police; in a
 * province it is a district-level city's, and "Công an tỉnh Lào Cai" in a report of
 * Tuyên Quang is another province's body, not a unit.
 */
struct unit_scope {
	const char *context;
	const char *province;
	int city;
	/* the text was TCVN3, which has no capital letter with a tone mark: its writers put
	 * the small one ("huyện ý Yên"), so a place's name may open or go on with one */
	int capless;
};

/* The scope of passage p of d. */
struct unit_scope units_scope(const struct doc *d, size_t p);

/*
 * A unit named at word i: returns how many words it takes (0 = none), its canonical
 * inventory name in *canon and its own name in *name (malloc'd: the canonical name, or the
 * district branch's name). sc may be NULL (no context, province unknown).
 */
size_t units_at(const struct vn_words *w, size_t i, const struct unit_scope *sc,
		const char **canon, char **name);

/* The unit a list item is about: "- Công an tỉnh: …", "- Sở Tư pháp tổ chức …",
 * "Cục Thi hành án dân sự: …" (malloc'd name), or NULL. */
char *units_label(struct vn_norm *nm, const char *text);

/* Whether text names the unit label (a name units_label gives) anywhere. */
int units_names(struct vn_norm *nm, const char *text, const char *label);

/* Attribute passages to units (list items, their continuations and footnotes) and find
 * every unit mention (d->units). */
void units_extract(struct doc *d, struct vn_norm *nm);

#endif
