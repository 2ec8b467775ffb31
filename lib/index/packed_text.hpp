// Stored records with Arabic letters one byte each, so that Xapian's zlib gets half the bytes.
//
// Arabic text in UTF-8 spends two bytes on every letter, the first almost always 0xD8 or 0xD9.
// Xapian compresses each stored record with zlib by itself; handed the letters as one byte each,
// zlib gets 57 % of the bytes and writes 20 % less: arqa-dev's records, 104.1 MB, are 39.3 MB with
// zlib alone and 31.6 MB packed first (docs/design.md "Index"). The packing is its own inverse for
// any bytes, not only valid UTF-8:
//   D8 xx (xx in 80–BF, U+0600–U+063F)  → xx          (80–BF)
//   D9 xx (xx in 80–BF, U+0640–U+067F)  → xx + 0x40   (C0–FF)
//   any other byte from 80, and 01      → 01, byte
//   any other byte                      → itself
#pragma once

#include <string>
#include <string_view>

namespace fahras::detail {

/// @p bytes packed, appended to @p out.
void pack_arabic(std::string_view bytes, std::string& out);

/// The bytes @p packed was packed from, appended to @p out; false (with @p out holding what came
/// before the fault) when it ends inside an escape.
bool unpack_arabic(std::string_view packed, std::string& out);

}  // namespace fahras::detail
