// Only fahras::Error crosses the API boundary: std::filesystem and std::system_error failures of what
// the library calls are translated (lib/index/xapian_errors.hpp), with a message that says what to do.
#include "index_support.hpp"

#include "index/xapian_errors.hpp"

#include <filesystem>
#include <string>
#include <system_error>

using fahras::Index;
using fahras::IndexOptions;
using fahras::OpenMode;

namespace {

// A path whose last component is longer than any file system allows (ENAMETOOLONG).
std::string too_long_path() { return std::filesystem::temp_directory_path().string() + "/" + std::string(300, 'a'); }

// What @p f throws, classified: "fahras::IndexError: ...", "std::...: ...", or "nothing".
template <class F>
std::string thrown(F&& f) {
    try {
        f();
    } catch (const fahras::IndexError& e) {
        return std::string("fahras::IndexError: ") + e.what();
    } catch (const fahras::Error& e) {
        return std::string("fahras::Error: ") + e.what();
    } catch (const std::exception& e) {
        return std::string("std::exception: ") + e.what();
    }
    return "nothing";
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

TEST_CASE("a path too long for the file system: IndexError, not std::filesystem::filesystem_error") {
    const std::string path = too_long_path();
    for (OpenMode mode : {OpenMode::READ_ONLY, OpenMode::CREATE_OR_OPEN, OpenMode::CREATE_OR_OVERWRITE}) {
        const std::string what = thrown([&] { Index::open(path, mode); });
        CAPTURE(what);
        CHECK(starts_with(what, "fahras::IndexError: "));
        CHECK(what.find("too long") != std::string::npos);
    }
    IndexOptions sharded;
    sharded.shards = 2;
    const std::string what = thrown([&] { Index::open(path, OpenMode::CREATE_OR_OPEN, sharded); });
    CAPTURE(what);
    CHECK(starts_with(what, "fahras::IndexError: "));
}

TEST_CASE("std::system_error and filesystem_error inside the library become IndexError with advice") {
    using fahras::detail::translate_xapian_errors;
    const std::string threads = thrown([] {
        translate_xapian_errors("adding a batch", []() -> int {
            throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again), "thread");
        });
    });
    CAPTURE(threads);
    CHECK(starts_with(threads, "fahras::IndexError: adding a batch: thread"));
    CHECK(threads.find("IndexOptions::threads") != std::string::npos);

    const std::string full = thrown([] {
        translate_xapian_errors("committing", [] {
            throw std::filesystem::filesystem_error("rename", std::make_error_code(std::errc::no_space_on_device));
        });
    });
    CAPTURE(full);
    CHECK(starts_with(full, "fahras::IndexError: committing: "));
    CHECK(full.find("disk is full") != std::string::npos);

    // A fahras::Error thrown inside goes through as it is.
    const std::string own = thrown([] { translate_xapian_errors("x", [] { throw fahras::IndexNotFoundError("gone"); }); });
    CHECK(own == "fahras::IndexError: gone");
}
