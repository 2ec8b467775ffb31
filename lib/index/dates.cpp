#include "index/dates.hpp"

#include <fahras/error.hpp>
#include <fahras/index.hpp>

#include <cstddef>

namespace fahras::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits at @p pos: at least @p min_digits, at most @p max_digits. False if fewer.
bool read_number(std::string_view s, std::size_t& pos, std::size_t min_digits, std::size_t max_digits, int& value) {
    std::size_t n = 0;
    value = 0;
    while (pos < s.size() && n < max_digits && is_digit(s[pos])) value = value * 10 + (s[pos++] - '0'), ++n;
    return n >= min_digits;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// The fields present, in order (year, month, day, hour, minute, second); -1 for absent ones.
struct Fields {
    int v[6] = {-1, -1, -1, -1, -1, -1};
};

// Optional ".123" fraction (after seconds only) and zone (Z, +hh, +hh:mm, +hhmm), then the end.
bool read_tail(std::string_view s, std::size_t pos, bool had_seconds) {
    int ignored = 0;
    if (had_seconds && pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        if (!read_number(s, pos, 1, 9, ignored)) return false;
    }
    if (pos < s.size() && s[pos] == 'Z') ++pos;
    else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        ++pos;
        int hours = 0, minutes = 0;
        if (!read_number(s, pos, 2, 2, hours) || hours > 14) return false;
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (pos < s.size() && (!read_number(s, pos, 2, 2, minutes) || minutes > 59)) return false;
    }
    return pos == s.size();
}

bool parse(std::string_view s, Fields& f) {
    std::size_t pos = 0;
    int* v = f.v;
    if (!read_number(s, pos, 4, 4, v[0])) return false;
    const bool basic = pos < s.size() && is_digit(s[pos]);  // 20150721
    if (basic) {
        if (!read_number(s, pos, 2, 2, v[1]) || !read_number(s, pos, 2, 2, v[2])) return false;
    } else if (pos < s.size() && s[pos] == '-') {
        ++pos;
        if (!read_number(s, pos, 1, 2, v[1])) return false;
        if (pos < s.size() && s[pos] == '-') {
            ++pos;
            if (!read_number(s, pos, 1, 2, v[2])) return false;
        }
    }
    if (pos < s.size() && v[2] >= 0 && (s[pos] == ' ' || s[pos] == 'T')) {
        ++pos;
        if (basic) {
            if (!read_number(s, pos, 2, 2, v[3]) || !read_number(s, pos, 2, 2, v[4])) return false;
            if (pos < s.size() && is_digit(s[pos]) && !read_number(s, pos, 2, 2, v[5])) return false;
        } else {
            if (!read_number(s, pos, 1, 2, v[3]) || pos >= s.size() || s[pos] != ':') return false;
            ++pos;
            if (!read_number(s, pos, 1, 2, v[4])) return false;
            if (pos < s.size() && s[pos] == ':') {
                ++pos;
                if (!read_number(s, pos, 1, 2, v[5])) return false;
            }
        }
    }
    if (!read_tail(s, pos, v[5] >= 0)) return false;
    if (v[1] >= 0 && (v[1] < 1 || v[1] > 12)) return false;
    if (v[2] >= 0 && (v[2] < 1 || v[2] > days_in_month(v[0], v[1]))) return false;
    return v[3] <= 23 && v[4] <= 59 && v[5] <= 59;
}

}  // namespace

static std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string date_key(std::string_view iso, bool upper_bound) {
    iso = trimmed(iso);
    Fields f;
    if (iso.empty() || !parse(iso, f)) return {};
    std::string key = std::to_string(f.v[0]);
    key.insert(0, 4 - key.size(), '0');
    for (int i = 1; i < 6 && f.v[i] >= 0; ++i) {
        if (f.v[i] < 10) key += '0';
        key += std::to_string(f.v[i]);
    }
    key.resize(14, upper_bound ? '9' : '0');
    return key;
}

bool is_iso_date(std::string_view iso) {
    iso = trimmed(iso);
    Fields f;
    return !iso.empty() && parse(iso, f);
}

void check_date_filter(std::string_view name, std::string_view value) {
    if (value.empty() || is_iso_date(value)) return;
    throw InvalidArgumentError(std::string(name) + " '" + std::string(value) +
                               "' is not an ISO 8601 date; write YYYY, YYYY-MM or YYYY-MM-DD, optionally with "
                               "hh:mm[:ss] (e.g. 2015-07-21 or 2015-07-21T02:51:32), or leave it empty");
}

}  // namespace fahras::detail

namespace fahras {

bool is_iso_date(std::string_view date) { return detail::is_iso_date(date); }

}  // namespace fahras
