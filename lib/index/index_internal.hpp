// Index::Internal, shared by the index and the searcher (which reads the same database).
#pragma once

#include <fahras/index.hpp>

#include "index/xapian_errors.hpp"

#include <xapian.h>

#include <optional>
#include <string>

namespace fahras {

struct Index::Internal {
    std::string path;        // empty for in-memory
    IndexOptions options;
    Analyzer analyzer;
    bool writable = false;
    std::optional<Xapian::WritableDatabase> writer;
    Xapian::Database reader;  // == *writer when writable

    Internal(std::string p, IndexOptions o) : path(std::move(p)), options(std::move(o)), analyzer(options.analyzer) {}
};

}  // namespace fahras
