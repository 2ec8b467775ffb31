// Dates of articles and of date filters: ISO 8601 read strictly, into the sort key of the date slot.
//
// Accepted: YYYY, YYYY-MM, YYYY-MM-DD, each optionally followed by ' ' or 'T' and hh:mm or hh:mm:ss,
// then optionally a fraction of a second (.123) and a zone (Z, +03:00, +0300), which are ignored (the
// key is the local time as written). Also the basic form YYYYMMDD (optionally Thhmm[ss]). Months, days
// and time fields may have one digit (2015-7-1, as some feeds write them): they are padded. Every field
// must be in range (month 1-12, day 1 to the month's length, leap years included, hour 0-23, minute and
// second 0-59). Anything else (21/07/2015, "yesterday") is not a date: an article keeps the text in its
// stored record but gets no date value (so it sorts last and no date filter matches it); a filter
// is an InvalidArgumentError.
#pragma once

#include <string>
#include <string_view>

namespace fahras::detail {

/// "2015-07-21 02:51:32" → "20150721025132"; shorter dates are padded with 0 (or with 9 when
/// @p upper_bound, so that "2015-07" as an upper bound includes the whole month). Empty if @p iso is
/// empty or not an ISO 8601 date as above.
std::string date_key(std::string_view iso, bool upper_bound = false);

/// Whether @p iso is a date date_key() accepts.
bool is_iso_date(std::string_view iso);

/// Nothing for an empty or valid @p value; else InvalidArgumentError naming @p name ("date_from").
void check_date_filter(std::string_view name, std::string_view value);

}  // namespace fahras::detail
