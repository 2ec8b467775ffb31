#include "terms/word_positions.hpp"

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

std::string WordPositionsWriter::encode() {
    std::sort(entries_.begin(), entries_.end());
    entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) n += i == 0 || entries_[i].first != entries_[i - 1].first;
    put_varint(out, n);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (i > 0 && entries_[i].first == entries_[i - 1].first) continue;
        const std::uint32_t h = entries_[i].first;
        for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((h >> (8 * k)) & 0xFF));
    }
    // Each list is prefixed by its length in bytes, so that a reader skips the lists it does not need.
    std::string list;
    for (std::size_t i = 0; i < entries_.size();) {
        list.clear();
        Xapian::termpos last = 0;
        std::size_t j = i;
        for (; j < entries_.size() && entries_[j].first == entries_[i].first; ++j) {
            put_varint(list, entries_[j].second - last);
            last = entries_[j].second;
        }
        put_varint(out, list.size());
        out += list;
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
    thread_local std::vector<std::pair<std::size_t, std::size_t>> wanted;  // (list index, slot)
    wanted.clear();
    for (std::size_t s = 0; s < slots.size(); ++s)
        for (const std::uint32_t h : slots[s])
            if (const std::size_t i = index_of(h); i < n) wanted.emplace_back(i, s);
    std::sort(wanted.begin(), wanted.end());
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
    for (auto& positions : out) {
        std::sort(positions.begin(), positions.end());
        positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
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
