// Fuzz target: JSON Lines ingest into an index. The first byte picks the declared encoding; the rest
// is the file. Malformed lines must be InvalidArgumentError (and the reader goes on); every article
// read must be accepted by the index (or refused with InvalidArgumentError for a bad id) and be
// found again by its id.
#include <fahras/fahras.hpp>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const char* const kEncodings[] = {"utf-8", "windows-1256", "iso-8859-6", "cp1256"};
    const std::string encoding = kEncodings[data[0] % 4];
    std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    fahras::JsonlReader reader(in, encoding);
    fahras::Index index = fahras::Index::in_memory();
    fahras::Article a;
    for (int lines = 0; lines < 1000; ++lines) {
        try {
            if (!reader.next(a)) break;
        } catch (const fahras::InvalidArgumentError&) {
            continue;
        }
        try {
            index.add(a);
        } catch (const fahras::InvalidArgumentError&) {
            continue;  // an id the index refuses (too long)
        }
        if (!index.get(a.id)) std::abort();
    }
    fahras::Searcher(index).search("\u0643\u064A\u0631\u064A title:a");
    return 0;
}
