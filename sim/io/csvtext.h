/* csvtext.h: the text cells of sesim's CSV outputs, safe to open in a
 * spreadsheet.
 *
 * Some cells carry text a user wrote: account names, a batch's scenario
 * names (file names), the values of a sweep's --vary, event details that
 * quote them. A spreadsheet runs a cell that starts with =, +, - or @ as a
 * formula (and some treat a leading tab or CR the same way), so such text is
 * written with a leading apostrophe, the usual guard ("-cmd" becomes "'-cmd"),
 * unless the whole cell reads as a number ("-1%", "-0.5", "+2e3"): numbers
 * stay numbers. Text that itself starts with an apostrophe gets one more, so
 * that the guard reads back unambiguously: csvtext_unguard drops exactly one.
 * docs/formats.md, "Text cells". */
#ifndef SESIM_CSVTEXT_H
#define SESIM_CSVTEXT_H

#include <stdio.h>

/* Does s need the leading apostrophe? */
int csvtext_guarded(const char *s);

/* Write s as one CSV field: the apostrophe when it needs one, then quoted
 * (RFC 4180) when it holds a comma, a quote or a line end. */
void csvtext_field(FILE *f, const char *s);

/* The text of a cell read back from a sesim CSV file: past its guard. */
const char *csvtext_unguard(const char *cell);
/* The same, in place: the guard removed from the cell's own bytes. */
void csvtext_unguard_cell(char *cell);

#endif
