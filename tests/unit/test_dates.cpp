// Dates (lib/index/dates): ISO 8601 read strictly into the 14-digit key of the date slot. Each row is a
// text and its key ("" when it is not a date fahras accepts).
#include "index/dates.hpp"

#include <fahras/error.hpp>
#include <fahras/index.hpp>

#include <doctest/doctest.h>

#include <string>

using fahras::detail::check_date_filter;
using fahras::detail::date_key;

namespace {

struct Row {
    const char* text;
    const char* key;
};

void check_rows(std::initializer_list<Row> rows) {
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(date_key(row.text) == row.key);
        CHECK(fahras::is_iso_date(row.text) == (std::string(row.key) != ""));
    }
}

}  // namespace

TEST_CASE("dates: the ISO 8601 forms") {
    check_rows({
        {"2015", "20150000000000"},
        {"2015-07", "20150700000000"},
        {"2015-07-21", "20150721000000"},
        {"2015-07-21 02:51", "20150721025100"},
        {"2015-07-21T02:51:32", "20150721025132"},
        {"2015-07-21 02:51:32.5", "20150721025132"},
        {"2015-07-21T02:51:32Z", "20150721025132"},
        {"2015-07-21T02:51:32+03:00", "20150721025132"},
        {"2015-07-21T02:51:32-0500", "20150721025132"},
        {"20150721", "20150721000000"},
        {"20150721T0251", "20150721025100"},
        {"2015-7-1", "20150701000000"},  // one-digit fields, as some feeds write them, are padded
        {" 2015-07-21 ", "20150721000000"},
    });
}

TEST_CASE("dates: day-first, other separators and words are not dates") {
    check_rows({
        {"21/07/2015", ""},  // was stored as 21072015..., sorting in year 2107
        {"21-07-2015", ""},
        {"07/21/2015", ""},
        {"2015/07/21", ""},
        {"garbage", ""},
        {"yesterday", ""},
        {"15-07-21", ""},
        {"2015-07-21 02", ""},  // an hour needs its minutes
        {"2015-07T02:51", ""},  // a time needs a day
        {"2015-07-21x", ""},
        {"2015--07", ""},
        {"", ""},
    });
}

TEST_CASE("dates: every field must be in range, leap years included") {
    check_rows({
        {"2015-00", ""},
        {"2015-13", ""},
        {"2015-07-00", ""},
        {"2015-07-32", ""},
        {"2015-04-31", ""},
        {"2015-02-29", ""},
        {"2016-02-29", "20160229000000"},
        {"2000-02-29", "20000229000000"},
        {"1900-02-29", ""},
        {"2015-07-21 24:00", ""},
        {"2015-07-21 23:60", ""},
        {"2015-07-21 23:59:60", ""},
        {"2015-07-21 23:59:59", "20150721235959"},
        {"2015-07-21T02:51:32+15:00", ""},
    });
}

TEST_CASE("dates: as an upper bound a partial date is padded with 9") {
    CHECK(date_key("2015-07", true) == "20150799999999");
    CHECK(date_key("2015", true) == "20159999999999");
    CHECK(date_key("21/07/2015", true) == "");
}

TEST_CASE("dates: a bad filter is an InvalidArgumentError naming it and saying what to write") {
    CHECK_NOTHROW(check_date_filter("date_from", ""));
    CHECK_NOTHROW(check_date_filter("date_from", "2015-07"));
    try {
        check_date_filter("date_to", "21/07/2015");
        FAIL("no error");
    } catch (const fahras::InvalidArgumentError& e) {
        const std::string what = e.what();
        CHECK(what.find("date_to '21/07/2015'") != std::string::npos);
        CHECK(what.find("YYYY-MM-DD") != std::string::npos);
    }
}
