#include "index/terms.hpp"

#include "analysis/utf8.hpp"
#include "index/packed_text.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace fahras::detail {

std::string source_key(const Analyzer& analyzer, std::string_view source) {
    std::string key = analyzer.normalize(source);
    const auto first = key.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    key = key.substr(first, key.find_last_not_of(' ') - first + 1);
    return key;
}

namespace {

void put_string(std::string& out, std::string_view s) {
    std::uint64_t n = s.size();
    do {  // length as a base-128 varint, then the bytes
        unsigned char byte = n & 0x7F;
        n >>= 7;
        out.push_back(static_cast<char>(byte | (n ? 0x80 : 0)));
    } while (n);
    out.append(s);
}

bool get_string(std::string_view& in, std::string& out) {
    std::uint64_t n = 0;
    int shift = 0;
    while (true) {
        if (in.empty() || shift > 56) return false;
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
        shift += 7;
    }
    if (n > in.size()) return false;
    out.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

// '1': the record as it is; '2' (scheme 4): the same record packed (packed_text.hpp).
constexpr char kDataPlain = '1';
constexpr char kDataPacked = '2';

}  // namespace

std::string id_term(std::string_view id) {
    return std::string(kPrefixId) + (is_valid_utf8(id) ? std::string(id) : repair_utf8(id));
}

const Article& repaired(const Article& a, Article& storage) {
    const std::string* fields[] = {&a.id, &a.title, &a.body, &a.author, &a.source, &a.url, &a.date};
    bool valid = std::all_of(std::begin(fields), std::end(fields), [](const std::string* f) { return is_valid_utf8(*f); });
    for (const auto& [k, v] : a.metadata) valid = valid && is_valid_utf8(k) && is_valid_utf8(v);
    if (valid) return a;
    storage = Article{repair_utf8(a.id), repair_utf8(a.title), repair_utf8(a.body), repair_utf8(a.author),
                      repair_utf8(a.source), repair_utf8(a.url), repair_utf8(a.date), {}};
    for (const auto& [k, v] : a.metadata) storage.metadata.emplace(repair_utf8(k), repair_utf8(v));
    return storage;
}

std::string serialize_article(const Article& article, bool store_text) {
    thread_local std::string out;  // the plain record, kept: its memory serves the next article
    out.clear();
    put_string(out, article.id);
    put_string(out, store_text ? std::string_view(article.title) : std::string_view());
    put_string(out, store_text ? std::string_view(article.body) : std::string_view());
    for (const std::string* field : {&article.author, &article.source, &article.url, &article.date})
        put_string(out, *field);
    put_string(out, std::to_string(article.metadata.size()));
    for (const auto& [key, value] : article.metadata) {
        put_string(out, key);
        put_string(out, value);
    }
    std::string packed(1, kDataPacked);
    pack_arabic(out, packed);
    return packed;
}

Article deserialize_article(std::string_view data) {
    Article a;
    if (data.empty() || (data.front() != kDataPlain && data.front() != kDataPacked)) return a;
    std::string unpacked;
    if (data.front() == kDataPacked) {
        unpack_arabic(data.substr(1), unpacked);  // a cut record reads as far as it goes, like a plain one
        data = unpacked;
    } else {
        data.remove_prefix(1);
    }
    for (std::string* field : {&a.id, &a.title, &a.body, &a.author, &a.source, &a.url, &a.date})
        if (!get_string(data, *field)) return a;
    std::string count;
    if (!get_string(data, count)) return a;
    std::string key, value;
    unsigned long n = 0;
    for (char c : count) n = (c >= '0' && c <= '9') ? n * 10 + static_cast<unsigned long>(c - '0') : n;
    for (; n > 0; --n) {
        if (!get_string(data, key) || !get_string(data, value)) break;
        a.metadata.emplace(key, value);
    }
    return a;
}

}  // namespace fahras::detail
