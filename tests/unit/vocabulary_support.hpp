// An in-memory database of test bodies with its vocabulary map filed, for the tests that drive the
// query-time half of the term scheme (QueryExpander, also written, snippets) directly.
#pragma once

#include "terms/document_terms.hpp"
#include "terms/vocabulary.hpp"

#include <fahras/fahras.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace fahras::test {

/// One document per body (ids d0, d1, ...), written as the index writes them, vocabulary filed.
inline Xapian::WritableDatabase vocabulary_database(const Analyzer& analyzer, const std::vector<std::string>& bodies) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    detail::VocabularyBatch vocabulary;
    int n = 0;
    for (const std::string& body : bodies) {
        Article a;
        a.id = "d" + std::to_string(n++);
        a.body = body;
        const Xapian::Document doc = detail::build_document(analyzer, IndexOptions{}, a);
        vocabulary.note_document(analyzer, doc);
        db.add_document(doc);
    }
    vocabulary.flush(db);
    return db;
}

}  // namespace fahras::test
