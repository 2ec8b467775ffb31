#include "terms/word_positions.hpp"

#include "terms/scheme.hpp"

#include <algorithm>
#include <cstring>

namespace fahras::detail {

namespace {

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// Reads a varint at @p at, advancing it; false at the end of the data or on a varint over 35 bits.
bool get_varint(std::string_view data, std::size_t& at, std::uint64_t& v) {
    v = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (at >= data.size()) return false;
        const auto byte = static_cast<unsigned char>(data[at++]);
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (byte < 0x80) return true;
    }
    return false;
}

std::uint32_t hash_at(std::string_view data, std::size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data() + at);
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace

std::uint32_t word_hash(std::string_view word) {
    std::uint32_t h = 2166136261u;
    for (const char c : word) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

namespace {

// Version 2 (the leading 0 byte: a version 1 list never starts with n = 0, the writer stores no
// empty list). The hashes as Rice codes of their gaps, k low bits each (2^k about the mean gap),
// 18.0 MB instead of 22.4 on arqa-dev; a word's first position folded with its field and a flag
// for more, so a word written once costs one or two bytes and no length: 19.1 → 13.8 MB.
constexpr char kVersion2 = 0;

// Title positions (below kBodyPositionOffset) odd, body positions even: both small.
std::uint64_t fold_first(Xapian::termpos p) {
    return p >= kBodyPositionOffset ? 2 * static_cast<std::uint64_t>(p - kBodyPositionOffset) : 2 * static_cast<std::uint64_t>(p) + 1;
}
std::uint64_t unfold_first(std::uint64_t v) { return v % 2 ? v / 2 : v / 2 + kBodyPositionOffset; }

unsigned rice_bits_for(std::size_t n) {
    unsigned k = 0;
    while (k < 31 && (std::uint64_t{1} << (k + 1)) * n <= (std::uint64_t{1} << 32)) ++k;
    return k;
}

// Bits least significant first, gathered in a 64-bit word.
class BitWriter {
public:
    explicit BitWriter(std::string& out) : out_(out) {}
    ~BitWriter() {  // bits() keeps fewer than 8 bits back: one last byte at most
        if (used_ > 0) out_.push_back(static_cast<char>(word_ & 0xFF));
    }
    // @p n (at most 32) low bits of @p v.
    void bits(std::uint64_t v, unsigned n) {
        word_ |= (v & ((std::uint64_t{1} << n) - 1)) << used_;
        used_ += n;
        while (used_ >= 8) {
            out_.push_back(static_cast<char>(word_ & 0xFF));
            word_ >>= 8;
            used_ -= 8;
        }
    }
    // @p q ones then a zero: the unary part of a Rice code.
    void unary(std::uint64_t q) {
        for (; q >= 32; q -= 32) bits(0xFFFFFFFFu, 32);
        bits((std::uint64_t{1} << q) - 1, static_cast<unsigned>(q) + 1);
    }

private:
    std::string& out_;
    std::uint64_t word_ = 0;
    unsigned used_ = 0;
};

// Reads what BitWriter wrote, 64 bits at a time.
class BitReader {
public:
    BitReader(std::string_view data, std::size_t at) : data_(data), bit_(at * 8) {}
    // A Rice code with @p k low bits; false when the data ends first.
    bool rice(unsigned k, std::uint64_t& v) {
        if (available() == 57) {  // the common case: the whole code within the next 57 bits
            const std::uint64_t w = peek();
            const unsigned ones = ~w ? static_cast<unsigned>(__builtin_ctzll(~w)) : 64;
            if (ones + 1 + k <= 57) {
                v = static_cast<std::uint64_t>(ones) << k | ((w >> (ones + 1)) & ((std::uint64_t{1} << k) - 1));
                bit_ += ones + 1 + k;
                return true;
            }
        }
        std::uint64_t q = 0;
        for (;;) {
            const unsigned valid = available();
            if (valid == 0) return false;
            const std::uint64_t w = peek() | (valid < 64 ? ~std::uint64_t{0} << valid : 0);  // past the end: ones
            const unsigned ones = w == ~std::uint64_t{0} ? 64 : static_cast<unsigned>(__builtin_ctzll(~w));
            if (ones < valid) {
                q += ones;
                bit_ += ones + 1;
                break;
            }
            q += valid;
            bit_ += valid;
            if (q > (std::uint64_t{1} << 32)) return false;
        }
        if (available() < k) return false;
        v = q << k | (k ? peek() & ((std::uint64_t{1} << k) - 1) : 0);
        bit_ += k;
        return true;
    }
    // The byte after the last bit read.
    std::size_t end() const { return (bit_ + 7) / 8; }

private:
    unsigned available() const {
        const std::size_t total = data_.size() * 8;
        return bit_ >= total ? 0 : static_cast<unsigned>(std::min<std::size_t>(total - bit_, 57));
    }
    // At least the next 57 bits (fewer at the end, zeros past it).
    std::uint64_t peek() const {
        const std::size_t byte = bit_ / 8;
        std::uint64_t w = 0;
        if (data_.size() - byte >= 8) {
            std::memcpy(&w, data_.data() + byte, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            w = __builtin_bswap64(w);
#endif
        } else {
            for (std::size_t i = 0; byte + i < data_.size(); ++i)
                w |= static_cast<std::uint64_t>(static_cast<unsigned char>(data_[byte + i])) << (8 * i);
        }
        return w >> (bit_ % 8);
    }

    std::string_view data_;
    std::size_t bit_;
};

// The (list index, slot) pairs of the lists the slots want, in list order: @p index_of gives a hash's
// list, @p n (the list count) for a hash the document does not hold. Both versions find lists so.
template <class IndexOf>
const std::vector<std::pair<std::size_t, std::size_t>>& wanted_lists(const std::vector<std::vector<std::uint32_t>>& slots,
                                                                    std::size_t n, IndexOf index_of) {
    thread_local std::vector<std::pair<std::size_t, std::size_t>> wanted;
    wanted.clear();
    for (std::size_t s = 0; s < slots.size(); ++s)
        for (const std::uint32_t h : slots[s])
            if (const std::size_t i = index_of(h); i < n) wanted.emplace_back(i, s);
    std::sort(wanted.begin(), wanted.end());
    return wanted;
}

}  // namespace

std::string WordPositionsWriter::encode() {
    std::sort(entries_.begin(), entries_.end());
    entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
    std::string out(1, kVersion2);
    std::size_t n = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) n += i == 0 || entries_[i].first != entries_[i - 1].first;
    put_varint(out, n);
    const unsigned k = rice_bits_for(n);
    out.push_back(static_cast<char>(k));
    {
        BitWriter bits(out);
        std::uint32_t previous = 0;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (i > 0 && entries_[i].first == entries_[i - 1].first) continue;
            const std::uint32_t gap = entries_[i].first - previous;  // the first from 0
            previous = entries_[i].first;
            bits.unary(gap >> k);
            bits.bits(gap, k);
        }
    }
    for (std::size_t i = 0; i < entries_.size();) {
        std::size_t j = i + 1;
        while (j < entries_.size() && entries_[j].first == entries_[i].first) ++j;
        const bool more = j - i > 1;
        put_varint(out, fold_first(entries_[i].second) << 1 | (more ? 1 : 0));
        if (more) {
            put_varint(out, j - i - 2);
            for (std::size_t m = i + 1; m < j; ++m) put_varint(out, entries_[m].second - entries_[m - 1].second);
        }
        i = j;
    }
    entries_.clear();
    return out;
}

WordPositionsReader::WordPositionsReader(std::string_view encoded) : data_(encoded) {}

bool WordPositionsReader::positions(const std::vector<std::vector<std::uint32_t>>& slots,
                                    std::vector<std::vector<Xapian::termpos>>& out) const {
    out.resize(slots.size());
    for (auto& positions : out) positions.clear();  // kept: their memory serves the next document
    const bool ok = !data_.empty() && data_[0] == kVersion2 ? positions_v2(slots, out) : positions_v1(slots, out);
    for (auto& positions : out) {
        std::sort(positions.begin(), positions.end());
        positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
    return ok;
}

bool WordPositionsReader::positions_v2(const std::vector<std::vector<std::uint32_t>>& slots,
                                       std::vector<std::vector<Xapian::termpos>>& out) const {
    std::size_t at = 1;
    std::uint64_t n = 0;
    if (!get_varint(data_, at, n) || at >= data_.size()) return false;
    const unsigned k = static_cast<unsigned char>(data_[at++]);
    // Every code takes at least k + 1 bits: more words than that are a damaged list.
    if (k > 31 || n > (data_.size() - at) * 8 / (k + 1)) return false;
    thread_local std::vector<std::uint32_t> hashes;
    hashes.clear();
    BitReader bits(data_, at);
    std::uint64_t h = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        std::uint64_t gap = 0;
        if (!bits.rice(k, gap)) return false;
        h += gap;
        if (h > 0xFFFFFFFFu) return false;
        hashes.push_back(static_cast<std::uint32_t>(h));
    }
    const auto& wanted = wanted_lists(slots, hashes.size(), [](std::uint32_t x) {
        const auto it = std::lower_bound(hashes.begin(), hashes.end(), x);
        return it != hashes.end() && *it == x ? static_cast<std::size_t>(it - hashes.begin()) : hashes.size();
    });
    at = bits.end();
    std::size_t list = 0, w = 0;
    thread_local std::vector<Xapian::termpos> current;
    // Reads every list up to the last wanted one (a list's length is known only by reading it),
    // skipping the varints of those not wanted without decoding them.
    for (; w < wanted.size() && list < n; ++list) {
        std::uint64_t first = 0, more = 0, gap = 0;
        if (!get_varint(data_, at, first)) return false;
        if (first & 1 && (!get_varint(data_, at, more) || more > data_.size() - at)) return false;
        const std::uint64_t gaps = first & 1 ? more + 1 : 0;
        if (wanted[w].first != list) {
            for (std::uint64_t m = 0; m < gaps; ++m) {
                while (at < data_.size() && static_cast<unsigned char>(data_[at]) >= 0x80) ++at;
                if (at++ >= data_.size()) return false;
            }
            continue;
        }
        current.clear();
        Xapian::termpos position = static_cast<Xapian::termpos>(unfold_first(first >> 1));
        current.push_back(position);
        for (std::uint64_t m = 0; m < gaps; ++m) {
            if (!get_varint(data_, at, gap)) return false;
            position += static_cast<Xapian::termpos>(gap);
            current.push_back(position);
        }
        for (; w < wanted.size() && wanted[w].first == list; ++w)
            out[wanted[w].second].insert(out[wanted[w].second].end(), current.begin(), current.end());
    }
    return true;
}

bool WordPositionsReader::positions_v1(const std::vector<std::vector<std::uint32_t>>& slots,
                                       std::vector<std::vector<Xapian::termpos>>& out) const {
    std::size_t at = 0;
    std::uint64_t n = 0;
    if (!get_varint(data_, at, n) || n > (data_.size() - at) / 4) return false;
    const std::size_t hashes = at;
    auto index_of = [&](std::uint32_t h) -> std::size_t {  // binary search; n when absent
        std::size_t lo = 0, hi = n;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if (hash_at(data_, hashes + 4 * mid) < h) lo = mid + 1;
            else hi = mid;
        }
        return lo < n && hash_at(data_, hashes + 4 * lo) == h ? lo : n;
    };
    const auto& wanted = wanted_lists(slots, n, index_of);
    at = hashes + 4 * n;
    std::size_t list = 0;
    std::uint64_t length = 0;
    for (const auto& [index, slot] : wanted) {
        for (; list < index; ++list) {  // skip the lists before it
            if (!get_varint(data_, at, length) || length > data_.size() - at) return false;
            at += length;
        }
        std::size_t p = at;
        if (!get_varint(data_, p, length) || length > data_.size() - p) return false;
        const std::string_view bytes = data_.substr(p, length);
        std::size_t q = 0;
        std::uint64_t gap = 0, position = 0;
        while (q < bytes.size()) {
            if (!get_varint(bytes, q, gap)) return false;
            position += gap;
            out[slot].push_back(static_cast<Xapian::termpos>(position));
        }
        // The same list may be wanted by the next slot too: stay at it.
    }
    return true;
}

std::vector<std::vector<std::uint32_t>> slot_hashes(const std::vector<std::vector<std::string>>& slots) {
    std::vector<std::vector<std::uint32_t>> hashes;
    for (const auto& words : slots) {
        std::vector<std::uint32_t>& h = hashes.emplace_back();
        for (const std::string& w : words) h.push_back(word_hash(w));
        std::sort(h.begin(), h.end());
        h.erase(std::unique(h.begin(), h.end()), h.end());
    }
    return hashes;
}

bool in_sequence(const std::vector<std::vector<Xapian::termpos>>& slots, Xapian::termpos window, Xapian::termpos below) {
    if (slots.empty()) return false;
    for (const Xapian::termpos first : slots[0]) {
        if (first >= below) return false;
        Xapian::termpos at = first;
        bool fits = true;
        for (std::size_t i = 1; i < slots.size() && fits; ++i) {
            // The earliest position after the previous word's is the best choice for the rest.
            const auto next = std::upper_bound(slots[i].begin(), slots[i].end(), at);
            if (next == slots[i].end()) return false;  // no later start can do better
            at = *next;
            fits = at - first + (slots.size() - i) <= window;
        }
        if (fits && at < below) return true;
    }
    return false;
}

}  // namespace fahras::detail
