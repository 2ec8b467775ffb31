// Fuzz target: a stored record as the index hands it back, whatever its bytes (a damaged docdata
// table, a record of another version). deserialize_article must return an article and never crash,
// and packing (packed_text.hpp) must give back any bytes it was given.
#include "index/packed_text.hpp"
#include "index/terms.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const char version : {'1', '2'}) {
        std::string record(1, version);
        record += bytes;
        (void)fahras::detail::deserialize_article(record);
    }
    (void)fahras::detail::deserialize_article(bytes);
    std::string packed, unpacked;
    fahras::detail::pack_arabic(bytes, packed);
    if (!fahras::detail::unpack_arabic(packed, unpacked) || unpacked != bytes) std::abort();
    return 0;
}
