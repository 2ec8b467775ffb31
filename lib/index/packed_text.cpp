#include "index/packed_text.hpp"

namespace fahras::detail {

namespace {
constexpr unsigned char kEscape = 0x01;
}

void pack_arabic(std::string_view bytes, std::string& out) {
    out.reserve(out.size() + bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if ((c == 0xD8 || c == 0xD9) && i + 1 < bytes.size()) {
            const auto next = static_cast<unsigned char>(bytes[i + 1]);
            if (next >= 0x80 && next <= 0xBF) {
                out.push_back(static_cast<char>(c == 0xD8 ? next : next + 0x40));
                ++i;
                continue;
            }
        }
        if (c >= 0x80 || c == kEscape) out.push_back(static_cast<char>(kEscape));
        out.push_back(static_cast<char>(c));
    }
}

bool unpack_arabic(std::string_view packed, std::string& out) {
    out.reserve(out.size() + packed.size() * 2);
    for (std::size_t i = 0; i < packed.size(); ++i) {
        const auto c = static_cast<unsigned char>(packed[i]);
        if (c == kEscape) {
            if (++i == packed.size()) return false;
            out.push_back(packed[i]);
        } else if (c >= 0xC0) {
            out.push_back(static_cast<char>(0xD9));
            out.push_back(static_cast<char>(c - 0x40));
        } else if (c >= 0x80) {
            out.push_back(static_cast<char>(0xD8));
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return true;
}

}  // namespace fahras::detail
