/** @file fahras.cpp
 *  @brief The `fahras` command-line tool: index, search, batch (TREC runs + latency), stats, analyze, get.
 *
 *  Uses the public API only (fahras/fahras.hpp). Exit codes: 0 success, 1 runtime failure (missing or
 *  locked index, unreadable file, ...), 2 usage error. Every error is one line on stderr starting with
 *  "fahras: "; nothing escapes main() as an exception.
 */
#include "article_files.hpp"
#include "progress.hpp"

#include <fahras/fahras.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

/** @brief A mistake on the command line: reported with a hint and exit code 2. */
class UsageError : public std::runtime_error {
public:
    UsageError(const std::string& message, std::string command)
        : std::runtime_error(message), command_(std::move(command)) {}
    const std::string& command() const { return command_; }

private:
    std::string command_;
};

/** @brief A failure of the tool itself (a file it cannot read or write): exit code 1. */
class RuntimeFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitUsage = 2;

// ---------------------------------------------------------------------------------------------
// Help texts

constexpr const char* kMainHelp = R"(fahras — full-text search for Arabic text (Xapian underneath)

Usage: fahras COMMAND [ARGS...] [OPTIONS]

Commands:
  index --index DIR FILE...         add articles (JSON Lines, SaudiNewsNet .json/.zip, .txt) to DIR
  search --index DIR QUERY...       run a query and print the best hits
  search --index DIR --topics Q.jsonl --output RUN
                                    run every query, write a TREC run file, measure latency
  stats --index DIR                 documents, terms and analyzer of an index
  analyze [TEXT | -]                show how a text is tokenized, normalized and stemmed
  get --index DIR ID                print a stored article as JSON

The index directory may also be given as the first argument (fahras search DIR QUERY), and
`fahras batch DIR Q.jsonl --run RUN` is the older spelling of search --topics.
Options: --help (also after a command, e.g. `fahras search --help`), --version.
Exit status: 0 success, 1 bad input or a failed operation, 2 wrong usage.
)";

constexpr const char* kIndexHelp = R"(Usage: fahras index --index DIR [OPTIONS] FILE...

Adds articles to the index at DIR (created if missing). Each FILE is read by its name:
  .jsonl .ndjson  JSON Lines, one article per line: {"_id" or "id", "title", "text"/"body"/"content",
                  "author", "source", "url", "date"/"date_extracted"}; other fields are kept as metadata
  .json           a JSON array of such articles (SaudiNewsNet's layout), or JSON Lines; an article
                  without an id gets FILENAME-N (N counting from 1 in the array)
  .zip            every .json, .jsonl and .ndjson file inside (SaudiNewsNet's .zip files as they are)
  anything else   one plain-text article: first non-empty line the title, the rest the body, the file
                  name without extension the id
  -               JSON Lines from standard input
An article with an existing id replaces it. A bad record is reported with its file and line and
skipped; with --strict the run stops there. Either way every record read before it is committed.
Progress goes to stderr: a bar (documents, MB, docs/s, ETA) on a terminal, a line every 5 s otherwise.

Options:
  --index DIR           the index directory (or give it as the first argument); a sharded index is a
                        directory holding a Xapian stub XAPIANDB, or the stub file itself
  --remote H:P[,H:P]    index into shards served by `xapian-tcpsrv --writable` instead (articles are
                        routed by id; analysis runs here); every server must serve an existing index
  --keep-shards         build a new index as one shard per thread and keep the shards (a sharded
                        index); by default a new index is built in shards and merged into one
  --format F            read every FILE as jsonl, json (array), zip or text instead of by its name
  --encoding ENC        encoding of the input (default utf-8; e.g. windows-1256, iso-8859-6)
  --strict              stop at the first bad record or unreadable file (exit status 1)
  --batch N             articles per batch handed to the indexer (default 2000)
  --threads N           analysis threads (default: one per core)
  --no-store            do not store title and body (smaller index; no snippets)
  --no-positions        do not record word positions (smaller index; no phrase queries)
  --title-weight N      a title word counts as N body words in ranking (default 2)
  --overwrite           replace any index at DIR instead of adding to it
  --progress            plain progress lines even on a terminal (for logs)
  --progress-every S    seconds between plain progress lines (default 5)
  --quiet               print only errors
)";

constexpr const char* kSearchHelp = R"(Usage: fahras search --index DIR [OPTIONS] QUERY...
       fahras search --index DIR --topics QUERIES.jsonl --output RUN [--hits N]

Runs QUERY (the words joined by spaces; "-" reads it from standard input) and prints the hits: rank,
id, score, date and source on one line, then the title, the author and a snippet with the matched
words highlighted (bold on a terminal, **like this** otherwise), each on a line of its own so that a
terminal that does bidi sets the Arabic right to left. Query syntax: words, "a phrase" or «a phrase»,
+required, -excluded, AND/OR/NOT, (groups), title:word, author:word, source:name. Put `--` before a
query that starts with "--".

Batch mode (--topics): runs every query of QUERIES.jsonl (BEIR lines {"_id": ..., "text": ...})
without snippets and writes the top N hits of each to RUN in TREC format (qid Q0 docid rank score
fahras). Then times a separate top-10 pass after a warm-up pass and reports latency percentiles on
stderr and as one JSON line on stdout.

Options:
  --index DIR           the index directory (or give it as the first argument), or a stub file
  --remote H:P[,H:P]    search shards served by xapian-tcpsrv instead, as one index
  --hits N              hits to print, or per query in the run file (default 10; --limit is the same)
  --offset N            hits to skip first (default 0)
  --sort ORDER          relevance (default), date (newest first) or date-asc
  --from DATE           only articles dated on or after DATE (ISO 8601 prefix, e.g. 2015-07-01)
  --to DATE             only articles dated on or before DATE
  --facets              also count the matches by source
  --no-snippets         do not build snippets (faster)
  --json                print the results as one JSON object on one line
  --topics FILE         batch mode: the queries (JSON Lines)
  --output FILE         batch mode: the TREC run file to write
  --tag NAME            batch mode: run tag, last column of the run file (default fahras)
  --encoding ENC        batch mode: encoding of the queries file (default utf-8)
  --no-latency          batch mode: skip the latency passes
)";

constexpr const char* kBatchHelp = R"(Usage: fahras batch --index DIR QUERIES.jsonl --run OUT.trec [OPTIONS]

The older spelling of `fahras search --index DIR --topics QUERIES.jsonl --output OUT.trec`: writes the
top K hits of every query to OUT.trec (qid Q0 docid rank score tag), then measures top-10 latency.

Options:
  --index DIR           the index directory (or give it as the first argument), or a stub file
  --remote H:P[,H:P]    search shards served by xapian-tcpsrv instead, as one index
  --run FILE            the TREC run file to write (required)
  --k N                 hits per query in the run file (default 100)
  --tag NAME            run tag, last column of the run file (default fahras)
  --encoding ENC        encoding of QUERIES.jsonl (default utf-8)
  --no-latency          skip the latency passes
)";

constexpr const char* kStatsHelp = R"(Usage: fahras stats --index DIR [--json]

Prints the number of documents, distinct terms, average document length (words), the analyzer the
index was built with, and its path. The directory may also be given as the first argument; a sharded
index by its directory or stub file, or its remote shards by --remote HOST:PORT[,HOST:PORT...].
)";

constexpr const char* kAnalyzeHelp = R"(Usage: fahras analyze [TEXT... | -] [--json]

Shows what the analyzer does with TEXT (the arguments joined by spaces; standard input when there are
none or TEXT is "-"): for each word its position, byte span, the original slice, the normalized form,
the forms left by stripping proclitics, the bare form, the light stem and whether it is a stopword.

Options:
  --json                one JSON object per word, one per line
)";

constexpr const char* kGetHelp = R"(Usage: fahras get --index DIR ID [--pretty]

Prints the stored article with this id as JSON (title and body only if the index stores text). The
directory may also be given as the first argument; shards served by xapian-tcpsrv by --remote H:P[,H:P].

Options:
  --pretty              indent the JSON
)";

const std::map<std::string, const char*>& command_help() {
    static const std::map<std::string, const char*> help = {
        {"index", kIndexHelp},   {"search", kSearchHelp},   {"batch", kBatchHelp},
        {"stats", kStatsHelp},   {"analyze", kAnalyzeHelp}, {"get", kGetHelp},
    };
    return help;
}

// ---------------------------------------------------------------------------------------------
// Command-line parsing. Only arguments starting with "--" are options, so that query words such as
// -excluded stay words; "--" ends the options.

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;  // options with a value
    std::set<std::string> flags;                 // options without one
    std::string command;

    bool flag(const std::string& name) const { return flags.count(name) != 0; }

    std::optional<std::string> value(const std::string& name) const {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    }

    std::string value_or(const std::string& name, const std::string& fallback) const {
        return value(name).value_or(fallback);
    }

    std::uint32_t number(const std::string& name, std::uint32_t fallback, std::uint32_t min,
                         std::uint32_t max) const {
        const auto text = value(name);
        if (!text) return fallback;
        std::size_t used = 0;
        unsigned long long n = 0;
        try {
            if (text->empty() || (*text)[0] == '-') throw std::invalid_argument("negative");
            n = std::stoull(*text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text->size() || n < min || n > max) {
            throw UsageError("--" + name + " expects a whole number from " + std::to_string(min) + " to " +
                                 std::to_string(max) + ", got '" + *text + "'",
                             command);
        }
        return static_cast<std::uint32_t>(n);
    }
};

Args parse_args(const std::string& command, int argc, char** argv, int first,
                const std::set<std::string>& flag_names, const std::set<std::string>& value_names) {
    Args args;
    args.command = command;
    bool options_done = false;
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        if (options_done || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
            if (arg == "--") {
                options_done = true;
                continue;
            }
            if (!options_done && arg == "-h") {
                args.flags.insert("help");
                continue;
            }
            args.positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.erase(eq);
        }
        if (name == "help") {
            args.flags.insert("help");
        } else if (flag_names.count(name)) {
            if (inline_value) throw UsageError("--" + name + " takes no value", command);
            args.flags.insert(name);
        } else if (value_names.count(name)) {
            if (inline_value) {
                args.values[name] = *inline_value;
            } else if (i + 1 < argc) {
                args.values[name] = argv[++i];
            } else {
                throw UsageError("--" + name + " needs a value", command);
            }
        } else {
            throw UsageError("unknown option --" + name, command);
        }
    }
    return args;
}

bool print_help_if_asked(const Args& args) {
    if (!args.flag("help")) return false;
    std::cout << command_help().at(args.command);
    return true;
}

void require_positional(const Args& args, std::size_t min, const char* what) {
    if (args.positional.size() < min) throw UsageError(std::string("missing ") + what, args.command);
}

void reject_extra_positional(const Args& args, std::size_t max) {
    if (args.positional.size() > max) {
        throw UsageError("unexpected argument '" + args.positional[max] + "'", args.command);
    }
}

// The index directory: --index DIR, or (the older spelling, still accepted) the first argument; none
// when --remote names the shards.
std::string take_index_path(Args& args) {
    if (args.value("remote") && !args.value("index")) return std::string();
    if (const auto path = args.value("index")) {
        if (path->empty()) throw UsageError("--index needs a directory", args.command);
        return *path;
    }
    if (args.positional.empty()) throw UsageError("missing --index DIR (the index directory)", args.command);
    std::string path = args.positional.front();
    args.positional.erase(args.positional.begin());
    return path;
}

// The index at @p db, or the shards of --remote HOST:PORT[,HOST:PORT...] (xapian-tcpsrv servers).
fahras::Index open_index(const Args& args, const std::string& db, fahras::OpenMode mode,
                         const fahras::IndexOptions& options = {}) {
    const auto remote = args.value("remote");
    if (!remote) return fahras::Index::open(db, mode, options);
    if (!db.empty()) throw UsageError("give --index or --remote, not both (a stub file can mix them)", args.command);
    std::vector<fahras::ShardLocation> shards;
    std::stringstream list(*remote);
    for (std::string item; std::getline(list, item, ',');) {
        try {
            shards.push_back(fahras::ShardLocation::parse_remote(item));
        } catch (const fahras::InvalidArgumentError& e) {
            throw UsageError(std::string("--remote: ") + e.what(), args.command);
        }
    }
    return fahras::Index::open_sharded(shards, mode, options);
}

// ---------------------------------------------------------------------------------------------
// Output helpers

bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Decodes one UTF-8 code point at s[i] (advancing i); an ill-formed byte gives U+FFFD and advances one
// byte. Used only to keep our own output valid (JSON) and aligned (tables).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    if (len == 0 || i + len > s.size()) {
        ++i;
        return U'\uFFFD';
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return U'\uFFFD';
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return U'\uFFFD';
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Marks that take no column in a terminal: combining diacritics, Arabic harakat and Quranic marks,
// zero-width and bidi controls, variation selectors.
bool is_zero_width(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) ||
           cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) ||
           (cp >= 0x06E7 && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0xFEFF;
}

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) width += is_zero_width(next_code_point(s, i)) ? 0 : 1;
    return width;
}

std::string pad(std::string_view s, std::size_t width) {
    std::string out(s);
    const std::size_t w = display_width(s);
    if (w < width) out.append(width - w, ' ');
    return out;
}

/** @brief A JSON string literal of @p s; ill-formed UTF-8 becomes U+FFFD so the output stays valid. */
std::string json_string(std::string_view s) {
    std::string out = "\"";
    out.reserve(s.size() + 2);
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        switch (cp) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (cp < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
                    out += buffer;
                } else {
                    append_utf8(out, cp);
                }
        }
    }
    out += '"';
    return out;
}

std::string json_number(double x) {
    if (!std::isfinite(x)) return "null";
    std::ostringstream out;
    out << std::setprecision(10) << x;
    return out.str();
}

/** @brief Builds one JSON object, field by field, in insertion order. */
class JsonObject {
public:
    JsonObject& raw(std::string_view key, const std::string& json_text) {
        out_ += out_.empty() ? "{" : ",";
        out_ += json_string(key);
        out_ += ':';
        out_ += json_text;
        return *this;
    }
    JsonObject& str(std::string_view key, std::string_view value) { return raw(key, json_string(value)); }
    JsonObject& num(std::string_view key, double value) { return raw(key, json_number(value)); }
    JsonObject& integer(std::string_view key, std::uint64_t value) { return raw(key, std::to_string(value)); }
    JsonObject& boolean(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }
    std::string done() const { return out_.empty() ? "{}" : out_ + "}"; }

private:
    std::string out_;
};

std::string json_string_map(const std::map<std::string, std::string>& map) {
    JsonObject object;
    for (const auto& [key, value] : map) object.str(key, value);
    return object.done();
}

std::string json_string_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_string(items[i]);
    return out + "]";
}

std::string read_all(std::istream& in) {
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// ---------------------------------------------------------------------------------------------
// fahras index

using fahras_cli::Format;
using fahras_cli::Progress;

/** @brief --strict met a bad record: the run stops there. */
class StrictStop : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::uint64_t file_size_or_zero(const std::string& path) {
    std::error_code error;
    if (path == "-" || !std::filesystem::is_regular_file(path, error)) return 0;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<std::uint64_t>(size);
}

/** @brief Feeds articles to the index in batches; counts what has been indexed. */
class BatchIndexer {
public:
    BatchIndexer(fahras::Index& index, std::size_t batch_size) : index_(index), batch_size_(batch_size) {
        batch_.reserve(batch_size_);
    }

    void add(fahras::Article&& article) {
        batch_.push_back(std::move(article));
        if (batch_.size() >= batch_size_) flush();
    }

    void flush() {
        if (batch_.empty()) return;
        index_.add_batch(batch_);
        indexed_ += batch_.size();
        batch_.clear();
    }

    std::uint64_t indexed() const { return indexed_; }

private:
    fahras::Index& index_;
    std::size_t batch_size_;
    std::vector<fahras::Article> batch_;
    std::uint64_t indexed_ = 0;
};

Format parse_format(const Args& args) {
    const auto format = args.value("format");
    if (!format) return Format::GUESS;
    if (*format == "jsonl") return Format::JSONL;
    if (*format == "json") return Format::JSON_ARRAY;
    if (*format == "text" || *format == "txt") return Format::TEXT;
    if (*format == "zip") return Format::ZIP;
    throw UsageError("--format expects jsonl, json, zip or text, got '" + *format + "'", "index");
}

int cmd_index(int argc, char** argv) {
    Args args = parse_args("index", argc, argv, 2,
                           {"no-store", "no-positions", "overwrite", "progress", "quiet", "strict", "keep-shards"},
                           {"index", "remote", "format", "encoding", "batch", "threads", "title-weight", "progress-every"});
    if (print_help_if_asked(args)) return kExitOk;
    const std::string db = take_index_path(args);
    require_positional(args, 1, "FILE (what to index)");

    const Format forced = parse_format(args);
    const std::string encoding = args.value_or("encoding", "utf-8");
    try {
        fahras::to_utf8("", encoding);  // an unknown encoding fails now, before the index is touched
    } catch (const fahras::InvalidArgumentError& e) {
        throw UsageError(e.what(), "index");
    }
    const std::uint32_t batch_size = args.number("batch", 2000, 1, 1000000);
    const bool quiet = args.flag("quiet");
    const bool strict = args.flag("strict");

    fahras::IndexOptions options;
    options.store_text = !args.flag("no-store");
    options.positions = !args.flag("no-positions");
    options.threads = args.number("threads", 0, 0, 1024);
    options.title_weight = args.number("title-weight", options.title_weight, 1, 100);
    // --keep-shards: a new index is one shard per thread, kept (else the bulk build merges them).
    if (args.flag("keep-shards")) options.shards = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    fahras::Index index = open_index(
        args, db, args.flag("overwrite") ? fahras::OpenMode::CREATE_OR_OVERWRITE : fahras::OpenMode::CREATE_OR_OPEN, options);

    // Standard input has no size: then the total is unknown and progress shows no percentage or ETA.
    std::vector<std::uint64_t> file_sizes;
    std::uint64_t total_bytes = 0;
    for (const std::string& file : args.positional) {
        file_sizes.push_back(file_size_or_zero(file));
        total_bytes += file_sizes.back();
    }
    if (std::count(args.positional.begin(), args.positional.end(), "-") > 0) total_bytes = 0;
    Progress::Style style = Progress::Style::NONE;
    if (!quiet) style = stderr_is_tty() && !args.flag("progress") ? Progress::Style::BAR : Progress::Style::LINES;
    const double line_seconds = args.number("progress-every", 5, 0, 86400);
    if (args.value("progress-every") && style == Progress::Style::BAR) style = Progress::Style::LINES;
    Progress progress(style, total_bytes, line_seconds);
    BatchIndexer indexer(index, batch_size);
    const auto start = Clock::now();

    constexpr std::uint64_t kMaxWarnings = 20;
    std::uint64_t skipped = 0;
    std::uint64_t failed_files = 0;
    std::uint64_t bytes_before = 0;  // of the files already read
    std::uint64_t bytes_now = 0;
    std::string stopped_at;
    const auto warn = [&](const std::string& message) {
        progress.clear_line();
        std::cerr << "fahras: " << message << '\n';
    };
    fahras_cli::RecordSink sink;
    std::uint64_t bad_dates = 0;
    sink.article = [&](fahras::Article&& article) {
        if (!article.date.empty() && !fahras::is_iso_date(article.date) && !quiet && ++bad_dates <= kMaxWarnings)
            warn("article '" + article.id + "': date '" + article.date +
                 "' is not ISO 8601 (YYYY-MM-DD, optionally hh:mm[:ss]); indexed without a date");
        indexer.add(std::move(article));
        progress.update(indexer.indexed(), bytes_now);
    };
    sink.bad_record = [&](const std::string& file, const std::string& message) {
        if (strict) throw StrictStop(file + ": " + message);
        ++skipped;
        if (quiet || skipped > kMaxWarnings) return;
        warn(file + ": " + message + " (skipped)");
        if (skipped == kMaxWarnings) warn("further bad records are counted but not shown");
    };
    sink.notice = [&](const std::string& message) {
        if (!quiet) warn(message);
    };
    sink.progress = [&](std::uint64_t bytes) { bytes_now = bytes_before + bytes; };

    for (std::size_t f = 0; f < args.positional.size(); ++f) {
        const std::string& file = args.positional[f];
        try {
            fahras_cli::read_article_file(file, forced, encoding, sink);
        } catch (const fahras_cli::UnreadableFile& e) {
            if (strict) {
                stopped_at = e.what();
                break;
            }
            warn(e.what());
            ++failed_files;
        } catch (const StrictStop& e) {
            stopped_at = e.what();
            break;
        }
        bytes_before += file_sizes[f];
        bytes_now = bytes_before;
        progress.update(indexer.indexed(), bytes_now);
    }
    // What was read before a stop is kept: the index never loses records it was given.
    indexer.flush();
    index.commit();
    progress.finish(indexer.indexed(), bytes_now);

    const double seconds = seconds_since(start);
    const std::uint64_t indexed = indexer.indexed();
    if (!stopped_at.empty()) {
        std::cerr << "fahras: " << stopped_at << '\n'
                  << "fahras: stopped there (--strict); the " << Progress::group_digits(indexed)
                  << " documents read before it are committed to " << db << '\n';
        return kExitRuntime;
    }
    if (!quiet) {
        std::fprintf(stderr, "indexed %s documents (%.1f MB) in %.2f s (%.0f docs/s); index %s now holds %s",
                     Progress::group_digits(indexed).c_str(), static_cast<double>(bytes_now) / 1e6, seconds,
                     seconds > 0 ? static_cast<double>(indexed) / seconds : 0.0, db.c_str(),
                     Progress::group_digits(index.size()).c_str());
        if (skipped) std::fprintf(stderr, "; skipped %llu bad records", static_cast<unsigned long long>(skipped));
        if (failed_files) std::fprintf(stderr, "; %llu files unreadable", static_cast<unsigned long long>(failed_files));
        std::fprintf(stderr, "\n");
    }
    if (failed_files) return kExitRuntime;
    if (indexed == 0 && skipped > 0) {
        std::cerr << "fahras: nothing was indexed: every record was malformed\n";
        return kExitRuntime;
    }
    return kExitOk;
}

// ---------------------------------------------------------------------------------------------
// fahras search

fahras::SortOrder parse_sort(const std::string& text, const std::string& command) {
    if (text == "relevance") return fahras::SortOrder::RELEVANCE;
    if (text == "date" || text == "date-desc") return fahras::SortOrder::DATE_DESC;
    if (text == "date-asc") return fahras::SortOrder::DATE_ASC;
    throw UsageError("--sort expects relevance, date or date-asc, got '" + text + "'", command);
}

std::string join(const std::vector<std::string>& words, std::size_t first) {
    std::string out;
    for (std::size_t i = first; i < words.size(); ++i) {
        if (i > first) out += ' ';
        out += words[i];
    }
    return out;
}

// Snippets keep the article's line breaks; on one output line they read better as spaces.
std::string one_line(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

std::string hit_json(const fahras::Hit& hit) {
    return JsonObject()
        .integer("rank", hit.rank)
        .str("id", hit.id)
        .num("score", hit.score)
        .str("title", hit.title)
        .str("author", hit.author)
        .str("source", hit.source)
        .str("url", hit.url)
        .str("date", hit.date)
        .str("snippet", hit.snippet)
        .raw("metadata", json_string_map(hit.metadata))
        .done();
}

int run_topics(const Args& args, const std::string& db, const std::string& topics, const std::string& output,
               std::uint32_t hits);

int cmd_search(int argc, char** argv) {
    Args args = parse_args("search", argc, argv, 2, {"facets", "json", "no-snippets", "no-latency"},
                           {"index", "remote", "hits", "limit", "offset", "sort", "from", "to", "topics", "output", "tag", "encoding"});
    if (print_help_if_asked(args)) return kExitOk;
    const std::string db = take_index_path(args);
    if (args.value("hits") && args.value("limit")) throw UsageError("give --hits or --limit, not both", "search");
    const std::string hits_option = args.value("limit") ? "limit" : "hits";
    if (const auto topics = args.value("topics")) {
        reject_extra_positional(args, 0);
        const auto output = args.value("output");
        if (!output) throw UsageError("--topics needs --output RUN (where to write the TREC run)", "search");
        return run_topics(args, db, *topics, *output, args.number(hits_option, 10, 1, 10000));
    }
    if (args.value("output")) throw UsageError("--output goes with --topics QUERIES.jsonl", "search");
    require_positional(args, 1, "QUERY");
    std::string query = join(args.positional, 0);
    if (args.positional.size() == 1 && args.positional[0] == "-") query = read_all(std::cin);

    fahras::SearchRequest request;
    request.query = query;
    request.limit = args.number(hits_option, 10, 0, 10000);
    request.offset = args.number("offset", 0, 0, 100000000);
    request.sort = parse_sort(args.value_or("sort", "relevance"), "search");
    request.date_from = args.value_or("from", "");
    request.date_to = args.value_or("to", "");
    request.facets = args.flag("facets");
    request.snippets = !args.flag("no-snippets");
    const bool json = args.flag("json");
    const bool tty = stdout_is_tty();
    if (!json) {  // plain text for a terminal; JSON keeps the HTML snippet (<b>, escaped text), JSON-encoded
        request.snippet_format = fahras::SnippetFormat::PLAIN;
        request.highlight_open = tty ? "\033[1m" : "**";
        request.highlight_close = tty ? "\033[0m" : "**";
    }

    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const fahras::Searcher searcher(index);
    const auto start = Clock::now();
    fahras::SearchResults results;
    try {
        results = searcher.search(request);
    } catch (const fahras::InvalidArgumentError& e) {  // a bad --from or --to
        throw UsageError(e.what(), "search");
    }
    const double seconds = seconds_since(start);

    if (json) {
        std::string hits = "[";
        for (std::size_t i = 0; i < results.hits.size(); ++i) hits += (i ? "," : "") + hit_json(results.hits[i]);
        hits += "]";
        JsonObject facets;
        for (const auto& [source, count] : results.source_counts) facets.integer(source, count);
        std::cout << JsonObject()
                         .str("query", query)
                         .integer("estimated_total", results.estimated_total)
                         .num("seconds", seconds)
                         .str("suggestion", results.suggestion)
                         .raw("ignored", json_string_array(results.ignored))
                         .raw("facets", facets.done())
                         .raw("hits", hits)
                         .done()
                  << '\n';
        return kExitOk;
    }

    const std::string dim_open = tty ? "\033[2m" : "";
    const std::string dim_close = tty ? "\033[0m" : "";
    std::cout << results.hits.size() << " of about " << results.estimated_total << " results ("
              << std::fixed << std::setprecision(1) << seconds * 1000 << " ms)" << std::defaultfloat << '\n';
    if (!results.suggestion.empty()) std::cout << "did you mean: " << results.suggestion << '\n';
    if (!results.ignored.empty()) std::cout << "ignored: " << join(results.ignored, 0) << '\n';
    // Each Arabic text (title, snippet) gets a line of its own: a terminal that does bidi (VTE, Konsole,
    // mlterm) then sets that line right to left, and numbers and ids stay on left-to-right lines.
    for (const fahras::Hit& hit : results.hits) {
        std::cout << '\n'
                  << std::setw(3) << hit.rank << ". " << hit.id << dim_open << "  score " << std::fixed
                  << std::setprecision(3) << hit.score << std::defaultfloat;
        for (const std::string* field : {&hit.date, &hit.source}) {
            if (!field->empty()) std::cout << "  " << *field;
        }
        std::cout << dim_close << '\n';
        if (!hit.title.empty()) std::cout << "     " << one_line(hit.title) << '\n';
        if (!hit.author.empty()) std::cout << "     " << dim_open << one_line(hit.author) << dim_close << '\n';
        if (!hit.snippet.empty()) std::cout << "     " << one_line(hit.snippet) << '\n';
    }
    if (request.facets) {
        std::cout << "\nsources:";
        if (results.source_counts.empty()) std::cout << " (none)";
        for (const auto& [source, count] : results.source_counts) std::cout << "  " << source << " " << count;
        std::cout << '\n';
    }
    return kExitOk;
}

// ---------------------------------------------------------------------------------------------
// fahras batch

struct Query {
    std::string id;
    std::string text;
};

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    // Nearest-rank method: the smallest value with at least p% of the values at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// Batch mode: every query of @p topics (BEIR queries.jsonl) → a TREC run at @p output, then a latency
// measurement on stderr. `fahras search --topics` and the older `fahras batch` both end here.
int run_topics(const Args& args, const std::string& db, const std::string& topics, const std::string& output,
               std::uint32_t hits) {
    const std::string tag = args.value_or("tag", "fahras");
    if (tag.empty() || tag.find_first_of(" \t\n") != std::string::npos) {
        throw UsageError("--tag must be one word", args.command);
    }

    // Open the index first: a missing index is the likelier mistake and the clearer message.
    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const fahras::Searcher searcher(index);

    std::vector<Query> queries;
    {
        const std::string& path = topics;
        std::ifstream in(path, std::ios::binary);
        if (!in) throw RuntimeFailure("cannot read " + path + ": " + std::strerror(errno));
        fahras::JsonlReader reader(in, args.value_or("encoding", "utf-8"));
        fahras::Article line;  // the reader maps _id → id and text → body
        for (;;) {
            try {
                if (!reader.next(line)) break;
            } catch (const fahras::InvalidArgumentError& e) {
                std::cerr << "fahras: " << path << ": " << e.what() << " (skipped)\n";
                continue;
            }
            queries.push_back({line.id, line.body.empty() ? line.title : line.body});
        }
    }

    std::ofstream run(output, std::ios::binary | std::ios::trunc);
    if (!run) throw RuntimeFailure("cannot write " + output + ": " + std::strerror(errno));
    fahras::SearchRequest request;
    request.limit = hits;
    request.snippets = false;
    request.stored_fields = false;  // a run file needs ids only
    request.suggest = false;
    const auto run_start = Clock::now();
    std::uint64_t lines = 0;
    char score[32];
    for (const Query& query : queries) {
        request.query = query.text;
        const fahras::SearchResults results = searcher.search(request);
        for (const fahras::Hit& hit : results.hits) {
            std::snprintf(score, sizeof score, "%.6f", hit.score);
            run << query.id << " Q0 " << hit.id << ' ' << hit.rank << ' ' << score << ' ' << tag << '\n';
            ++lines;
        }
    }
    run.close();
    if (!run) throw RuntimeFailure("error while writing " + output);
    const double run_seconds = seconds_since(run_start);
    std::fprintf(stderr, "%zu queries in %.2f s (%.1f queries/s); %llu lines written to %s\n", queries.size(),
                 run_seconds, run_seconds > 0 ? queries.size() / run_seconds : 0.0,
                 static_cast<unsigned long long>(lines), output.c_str());

    JsonObject report;
    report.integer("queries", queries.size()).integer("k", hits).str("run", output).integer("lines", lines);
    report.num("seconds", run_seconds);
    if (!args.flag("no-latency") && !queries.empty()) {
        request.limit = 10;
        for (const Query& query : queries) {  // warm-up: caches, page cache, lazy tables
            request.query = query.text;
            searcher.search(request);
        }
        std::vector<double> latencies;
        latencies.reserve(queries.size());
        for (const Query& query : queries) {
            request.query = query.text;
            const auto start = Clock::now();
            const fahras::SearchResults results = searcher.search(request);
            const auto stop = Clock::now();
            latencies.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
            (void)results;
        }
        std::vector<double> sorted = latencies;
        std::sort(sorted.begin(), sorted.end());
        double sum = 0;
        for (double x : sorted) sum += x;
        const double mean = sum / static_cast<double>(sorted.size());
        std::fprintf(stderr, "top-10 latency (ms): p50 %.3f  p95 %.3f  p99 %.3f  mean %.3f  max %.3f\n",
                     percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), mean, sorted.back());
        report.raw("latency_ms", JsonObject()
                                     .num("p50", percentile(sorted, 50))
                                     .num("p95", percentile(sorted, 95))
                                     .num("p99", percentile(sorted, 99))
                                     .num("mean", mean)
                                     .num("max", sorted.back())
                                     .done());
    }
    std::cout << report.done() << '\n';
    return kExitOk;
}

int cmd_batch(int argc, char** argv) {
    Args args = parse_args("batch", argc, argv, 2, {"no-latency"}, {"index", "remote", "run", "k", "tag", "encoding"});
    if (print_help_if_asked(args)) return kExitOk;
    const std::string db = take_index_path(args);
    require_positional(args, 1, "QUERIES.jsonl");
    reject_extra_positional(args, 1);
    const auto run_path = args.value("run");
    if (!run_path) throw UsageError("missing --run OUT.trec (where to write the run)", "batch");
    return run_topics(args, db, args.positional[0], *run_path, args.number("k", 100, 1, 10000));
}

// ---------------------------------------------------------------------------------------------
// fahras stats, get

int cmd_stats(int argc, char** argv) {
    Args args = parse_args("stats", argc, argv, 2, {"json"}, {"index", "remote"});
    if (print_help_if_asked(args)) return kExitOk;
    const std::string db = take_index_path(args);
    reject_extra_positional(args, 0);
    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const fahras::IndexStats stats = index.stats();
    if (args.flag("json")) {
        std::cout << JsonObject()
                         .integer("documents", stats.documents)
                         .integer("distinct_terms", stats.distinct_terms)
                         .num("average_length", stats.average_length)
                         .str("analyzer", stats.analyzer_id)
                         .str("path", stats.path)
                         .done()
                  << '\n';
        return kExitOk;
    }
    std::cout << "documents:       " << stats.documents << '\n'
              << "distinct terms:  " << stats.distinct_terms << '\n'
              << "average length:  " << std::fixed << std::setprecision(1) << stats.average_length
              << std::defaultfloat << " terms (all tiers)\n"
              << "analyzer:        " << stats.analyzer_id << '\n'
              << "path:            " << stats.path << '\n';
    return kExitOk;
}

int cmd_get(int argc, char** argv) {
    Args args = parse_args("get", argc, argv, 2, {"pretty"}, {"index", "remote"});
    if (print_help_if_asked(args)) return kExitOk;
    const std::string db = take_index_path(args);
    require_positional(args, 1, "ID");
    reject_extra_positional(args, 1);
    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const std::optional<fahras::Article> article = index.get(args.positional[0]);
    if (!article) {
        std::cerr << "fahras: no article with id '" << args.positional[0] << "' in " << db << '\n';
        return kExitRuntime;
    }
    const std::vector<std::pair<const char*, const std::string*>> fields = {
        {"id", &article->id},         {"title", &article->title}, {"body", &article->body},
        {"author", &article->author}, {"source", &article->source}, {"url", &article->url},
        {"date", &article->date},
    };
    if (args.flag("pretty")) {
        std::cout << "{\n";
        for (const auto& [key, value] : fields) std::cout << "  " << json_string(key) << ": " << json_string(*value) << ",\n";
        std::cout << "  \"metadata\": " << json_string_map(article->metadata) << "\n}\n";
        return kExitOk;
    }
    JsonObject object;
    for (const auto& [key, value] : fields) object.str(key, *value);
    object.raw("metadata", json_string_map(article->metadata));
    std::cout << object.done() << '\n';
    return kExitOk;
}

// ---------------------------------------------------------------------------------------------
// fahras analyze

std::string join_forms(const std::vector<std::string>& forms) {
    std::string out;
    for (std::size_t i = 0; i < forms.size(); ++i) out += (i ? "," : "") + forms[i];
    return out.empty() ? "-" : out;
}

int cmd_analyze(int argc, char** argv) {
    const Args args = parse_args("analyze", argc, argv, 2, {"json"}, {});
    if (print_help_if_asked(args)) return kExitOk;
    std::string text;
    if (args.positional.empty() || (args.positional.size() == 1 && args.positional[0] == "-")) {
        text = read_all(std::cin);
    } else {
        text = join(args.positional, 0);
    }
    const fahras::Analyzer analyzer;
    const std::vector<fahras::Token> tokens = analyzer.analyze(text);

    if (args.flag("json")) {
        for (const fahras::Token& t : tokens) {
            std::cout << JsonObject()
                             .integer("position", t.position)
                             .integer("begin", t.begin)
                             .integer("end", t.end)
                             .str("text", std::string_view(text).substr(t.begin, t.end - t.begin))
                             .str("normalized", t.normalized)
                             .raw("forms", json_string_array(t.forms))
                             .str("bare", t.bare)
                             .str("stem", t.stem)
                             .boolean("stopword", t.stopword)
                             .done()
                      << '\n';
        }
        return kExitOk;
    }

    std::vector<std::vector<std::string>> rows = {{"pos", "bytes", "text", "normalized", "forms", "bare", "stem", "stop"}};
    for (const fahras::Token& t : tokens) {
        std::string slice(std::string_view(text).substr(t.begin, t.end - t.begin));
        slice = one_line(slice);
        rows.push_back({std::to_string(t.position), std::to_string(t.begin) + "-" + std::to_string(t.end), slice,
                        t.normalized, join_forms(t.forms), t.bare, t.stem, t.stopword ? "yes" : ""});
    }
    std::vector<std::size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += c + 1 < row.size() ? pad(row[c], widths[c]) + "  " : row[c];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << '\n';
    }
    std::cout << "analyzer: " << analyzer.id() << '\n';
    return kExitOk;
}

// ---------------------------------------------------------------------------------------------

int run(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kMainHelp;
        return kExitUsage;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h") {
        std::cout << kMainHelp;
        return kExitOk;
    }
    if (command == "--version" || command == "version") {
        std::cout << "fahras " << fahras::version() << '\n';
        return kExitOk;
    }
    if (command == "help") {
        if (argc < 3) {
            std::cout << kMainHelp;
            return kExitOk;
        }
        const auto it = command_help().find(argv[2]);
        if (it == command_help().end()) throw UsageError(std::string("unknown command '") + argv[2] + "'", "");
        std::cout << it->second;
        return kExitOk;
    }
    static const std::map<std::string, std::function<int(int, char**)>> commands = {
        {"index", cmd_index}, {"search", cmd_search},   {"batch", cmd_batch},
        {"stats", cmd_stats}, {"analyze", cmd_analyze}, {"get", cmd_get},
    };
    const auto it = commands.find(command);
    if (it == commands.end()) throw UsageError("unknown command '" + command + "'", "");
    return it->second(argc, argv);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "fahras: " << e.what() << '\n'
                  << "Try 'fahras " << (e.command().empty() ? "" : e.command() + " ") << "--help'.\n";
        return kExitUsage;
    } catch (const RuntimeFailure& e) {
        std::cerr << "fahras: " << e.what() << '\n';
        return kExitRuntime;
    } catch (const fahras::Error& e) {
        std::cerr << "fahras: " << e.what() << '\n';
        return kExitRuntime;
    } catch (const std::bad_alloc&) {
        std::cerr << "fahras: out of memory\n";
        return kExitRuntime;
    } catch (const std::exception& e) {
        std::cerr << "fahras: unexpected error: " << e.what() << '\n';
        return kExitRuntime;
    } catch (...) {
        std::cerr << "fahras: unexpected error\n";
        return kExitRuntime;
    }
}
