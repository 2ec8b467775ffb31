/** @file cli.cpp
 *  @brief fahras_cli::Command (CLI11 underneath) and opening the index a command names.
 */
#include "cli.hpp"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <sstream>

namespace fahras_cli {

namespace {

// CLI11 reads "-word" as a short option; here only "--name" is an option, so a word starting with a
// single '-' (a query's -excluded) is hidden behind this byte while CLI11 parses, and unhidden after.
// "-" alone (standard input) and "-h" are left as they are.
constexpr char kDashWord = '\x01';

std::vector<std::string> hide_dash_words(int argc, char** argv, int first) {
    std::vector<std::string> args;
    bool options_done = false;
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") options_done = true;
        if (!options_done && arg.size() > 1 && arg[0] == '-' && arg[1] != '-' && arg != "-h") arg.insert(0, 1, kDashWord);
        args.push_back(std::move(arg));
    }
    return args;
}

std::string unhide(std::string text) {
    if (!text.empty() && text.front() == kDashWord) text.erase(0, 1);
    return text;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

Command::Command(std::string name, const char* help) : name_(std::move(name)), help_(help), app_("fahras " + name_) {
    app_.set_help_flag();  // the hand-written help texts (help.cpp) say more than CLI11's would
    app_.add_flag("-h,--help");
    app_.add_option("args", positional_)->allow_extra_args();
    app_.allow_windows_style_options(false);
}

void Command::option(const std::string& name) {
    option_names_.push_back(name);
    values_.emplace_back();
    app_.add_option("--" + name)->type_size(1)->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void Command::flag(const std::string& name) {
    flag_names_.push_back(name);
    flags_.push_back(false);
    app_.add_flag("--" + name)->disable_flag_override();
}

bool Command::parse(int argc, char** argv, int first) {
    std::vector<std::string> args = hide_dash_words(argc, argv, first);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
        app_.parse(args);
    } catch (const CLI::ExtrasError&) {
        for (const std::string& extra : app_.remaining()) {
            if (extra.rfind("--", 0) == 0) throw UsageError("unknown option " + extra.substr(0, extra.find('=')), name_);
        }
        throw UsageError("unexpected argument '" + unhide(app_.remaining().front()) + "'", name_);
    } catch (const CLI::ArgumentMismatch& e) {
        // CLI11 says "--index: 1 required TEXT missing" or "json was given a disallowed flag override".
        const std::string what = e.what();
        std::string option = what.substr(0, what.find_first_of(": "));
        option.erase(0, option.find_first_not_of('-'));
        const bool is_flag = index_of(flag_names_, option) < flag_names_.size();
        throw UsageError("--" + option + (is_flag ? " takes no value" : " needs a value"), name_);
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what(), name_);
    }
    for (std::string& word : positional_) word = unhide(std::move(word));
    for (std::size_t i = 0; i < option_names_.size(); ++i) {
        const CLI::Option* option = app_.get_option("--" + option_names_[i]);
        if (option->count() > 0) values_[i] = unhide(option->results().back());
    }
    for (std::size_t i = 0; i < flag_names_.size(); ++i) flags_[i] = app_.get_option("--" + flag_names_[i])->count() > 0;
    if (app_.get_option("--help")->count() > 0) {
        std::cout << help_;
        return false;
    }
    return true;
}

std::optional<std::string> Command::value(const std::string& name) const {
    const std::size_t i = index_of(option_names_, name);
    return i < values_.size() ? values_[i] : std::nullopt;
}

std::string Command::value_or(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

bool Command::flag_set(const std::string& name) const {
    const std::size_t i = index_of(flag_names_, name);
    return i < flags_.size() && flags_[i];
}

std::uint32_t Command::number(const std::string& name, std::uint32_t fallback, std::uint32_t min, std::uint32_t max) const {
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
                         name_);
    }
    return static_cast<std::uint32_t>(n);
}

void Command::require_positional(std::size_t min, const char* what) const {
    if (positional_.size() < min) throw UsageError(std::string("missing ") + what, name_);
}

void Command::reject_extra_positional(std::size_t max) const {
    if (positional_.size() > max) throw UsageError("unexpected argument '" + positional_[max] + "'", name_);
}

void add_index_options(Command& command) {
    command.option("index");
    command.option("remote");
}

std::string take_index_path(Command& command) {
    if (command.value("remote") && !command.value("index")) return std::string();
    if (const auto path = command.value("index")) {
        if (path->empty()) throw UsageError("--index needs a directory", command.name());
        return *path;
    }
    std::vector<std::string>& positional = command.positional();
    if (positional.empty()) throw UsageError("missing --index DIR (the index directory)", command.name());
    std::string path = positional.front();
    positional.erase(positional.begin());
    return path;
}

fahras::Index open_index(const Command& command, const std::string& db, fahras::OpenMode mode,
                         const fahras::IndexOptions& options) {
    const auto remote = command.value("remote");
    if (!remote) return fahras::Index::open(db, mode, options);
    if (!db.empty()) throw UsageError("give --index or --remote, not both (a stub file can mix them)", command.name());
    std::vector<fahras::ShardLocation> shards;
    std::stringstream list(*remote);
    for (std::string item; std::getline(list, item, ',');) {
        try {
            shards.push_back(fahras::ShardLocation::parse_remote(item));
        } catch (const fahras::InvalidArgumentError& e) {
            throw UsageError(std::string("--remote: ") + e.what(), command.name());
        }
    }
    return fahras::Index::open_sharded(shards, mode, options);
}

std::string read_all(std::istream& in) {
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string join(const std::vector<std::string>& words, std::size_t first) {
    std::string out;
    for (std::size_t i = first; i < words.size(); ++i) {
        if (i > first) out += ' ';
        out += words[i];
    }
    return out;
}

}  // namespace fahras_cli
