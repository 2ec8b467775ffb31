/** @file ingest.cpp
 *  @brief fahras::ArticleReader and fahras::JsonlReader in Python, and the encoding helpers.
 *
 *  Each reader owns its C++ reader and guards it with a mutex, taken after the GIL is released.
 */
#include "bindings.hpp"
#include "convert.hpp"

#include <fahras/fahras.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace py = pybind11;
using namespace py::literals;

namespace fahras_python {

namespace {

fahras::InputFormat input_format(const std::string& name) {
    if (name == "auto") return fahras::InputFormat::AUTO;
    if (name == "jsonl") return fahras::InputFormat::JSONL;
    if (name == "json") return fahras::InputFormat::JSON_ARRAY;
    if (name == "zip") return fahras::InputFormat::ZIP;
    if (name == "text") return fahras::InputFormat::TEXT;
    throw fahras::InvalidArgumentError("format must be \"auto\", \"jsonl\", \"json\", \"zip\" or \"text\", not \"" + name + "\"");
}

// The next article of @p reader (none when it is closed or at its end), read without the GIL and
// under @p mutex.
template <class Reader>
std::optional<fahras::Article> locked_next(std::optional<Reader>& reader, std::mutex& mutex) {
    py::gil_scoped_release nogil;
    std::lock_guard<std::mutex> lock(mutex);
    if (!reader) return std::nullopt;
    fahras::Article article;
    if (!reader->next(article)) return std::nullopt;
    return article;
}

/// An ArticleReader over a file; next() raises RecordError for a bad record and can be called again.
class PyArticleReader {
public:
    PyArticleReader(const std::string& path, const std::string& format, std::string encoding) {
        fahras::ReadOptions options;
        options.format = input_format(format);
        options.encoding = std::move(encoding);
        options.on_notice = [this](const std::string& message) { notices_.push_back(message); };
        py::gil_scoped_release nogil;
        reader_.emplace(path, std::move(options));
    }

    std::optional<fahras::Article> next() { return locked_next(reader_, mutex_); }

    /// The notices (skipped zip entries) since the last call.
    py::list take_notices() {
        py::list out;
        std::lock_guard<std::mutex> lock(mutex_);
        for (const std::string& notice : notices_) out.append(utf8(notice));
        notices_.clear();
        return out;
    }

    std::string current_file() {
        std::lock_guard<std::mutex> lock(mutex_);
        return reader_ ? reader_->current_file() : std::string();
    }

    void close() {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(mutex_);
        reader_.reset();
    }

private:
    std::optional<fahras::ArticleReader> reader_;
    std::vector<std::string> notices_;
    std::mutex mutex_;
};

/// A JsonlReader over a file it owns.
class PyJsonlReader {
public:
    PyJsonlReader(const std::string& path, std::string encoding) : path_(path) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) raise_os_error(EISDIR);
        errno = 0;
        file_.open(path, std::ios::binary);
        if (!file_) raise_os_error(errno ? errno : ENOENT);
        reader_.emplace(file_, std::move(encoding));
    }

    std::optional<fahras::Article> next() { return locked_next(reader_, mutex_); }

    std::uint64_t line_number() {
        std::lock_guard<std::mutex> lock(mutex_);
        return reader_ ? reader_->line_number() : last_line_;
    }

    void close() {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(mutex_);
        if (reader_) last_line_ = reader_->line_number();
        reader_.reset();
        file_.close();
    }

private:
    [[noreturn]] void raise_os_error(int error) {
        errno = error;
        PyErr_SetFromErrnoWithFilename(PyExc_OSError, path_.c_str());
        throw py::error_already_set();
    }

    std::string path_;
    std::ifstream file_;  // declared before reader_, which keeps a reference to it
    std::optional<fahras::JsonlReader> reader_;
    std::uint64_t last_line_ = 0;
    std::mutex mutex_;
};

template <class Reader>
py::object next_article(Reader& reader) {
    const std::optional<fahras::Article> a = reader.next();
    if (!a) return py::none();
    return article_dict(*a);
}

}  // namespace

void bind_ingest(py::module_& m) {
    py::class_<PyArticleReader>(m, "ArticleReader", R"doc(Reads the articles of a file of any kind (fahras::ArticleReader).)doc")
        .def(py::init<const std::string&, const std::string&, std::string>(), "path"_a, "format"_a, "encoding"_a,
             R"doc(Opens path; InputFileError if it cannot be read.)doc")
        .def("next", &next_article<PyArticleReader>,
             R"doc(The next article as Article keyword dicts, or None at the end; RecordError for a bad record.)doc")
        .def("take_notices", &PyArticleReader::take_notices, R"doc(What was skipped without being an error, since the last call.)doc")
        .def_property_readonly("current_file", &PyArticleReader::current_file,
                               R"doc(The file (or "ARCHIVE(ENTRY)") of the last article or error.)doc")
        .def("close", &PyArticleReader::close, R"doc(Closes the file.)doc");

    py::class_<PyJsonlReader>(m, "JsonlReader", R"doc(Reads one article per line of a JSON Lines file.)doc")
        .def(py::init<const std::string&, std::string>(), "path"_a, "encoding"_a,
             R"doc(Opens path; raises OSError if it cannot be read.)doc")
        .def("next", &next_article<PyJsonlReader>, R"doc(The next article as Article keyword dicts, or None at the end.)doc")
        .def_property_readonly("line_number", &PyJsonlReader::line_number, R"doc(1-based number of the last line read.)doc")
        .def("close", &PyJsonlReader::close, R"doc(Closes the file.)doc");

    m.def(
        "read_text_article",
        [](const std::string& path, const std::string& id, const std::string& encoding) {
            fahras::Article a;
            {
                py::gil_scoped_release nogil;
                a = fahras::read_text_article(path, id, encoding);
            }
            return article_dict(a);
        },
        "path"_a, "id"_a, "encoding"_a,
        R"doc(A plain-text article file (title on the first non-empty line) as Article keyword dicts.)doc");

    m.def(
        "to_utf8",
        [](const py::bytes& bytes, const std::string& encoding) {
            std::string_view view = bytes;  // the bytes object is immutable and outlives the call
            std::string out;
            {
                py::gil_scoped_release nogil;
                out = fahras::to_utf8(view, encoding);
            }
            return utf8(out);
        },
        "data"_a, "encoding"_a,
        R"doc(Decodes bytes in a legacy encoding ("windows-1256", "iso-8859-6", "utf-8", ...) to str.)doc");

    m.def("is_valid_utf8", [](const py::bytes& bytes) { return fahras::is_valid_utf8(std::string_view(bytes)); },
          "data"_a, R"doc(True if data is valid UTF-8.)doc");
}

}  // namespace fahras_python
