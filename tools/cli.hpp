/** @file cli.hpp
 *  @brief What every `fahras` command shares: its errors and exit statuses, parsing its arguments with
 *  CLI11 into the house conventions, and opening the index it names.
 *
 *  Conventions kept from the first CLI (tests/e2e define them): only arguments starting with "--" are
 *  options, so query words such as -excluded stay words; "--" ends the options; every mistake on the
 *  command line is one "fahras: ..." line, a hint, and exit status 2.
 */
#pragma once

#include <fahras/fahras.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fahras_cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;  ///< bad input or a failed operation
inline constexpr int kExitUsage = 2;    ///< wrong usage

/** @brief A mistake on the command line: reported with a hint and exit status 2. */
class UsageError : public std::runtime_error {
public:
    /** @brief @p command names the command for the hint ("fahras COMMAND --help"), empty for none. */
    UsageError(const std::string& message, std::string command)
        : std::runtime_error(message), command_(std::move(command)) {}
    /** @brief The command the mistake was made in. */
    const std::string& command() const { return command_; }

private:
    std::string command_;
};

/** @brief A failure of the tool itself (a file it cannot read or write): exit status 1. */
class RuntimeFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** @brief One command's parsed arguments: positional words, and the options CLI11 bound. */
class Command {
public:
    /** @brief A command named @p name (e.g. "search") whose --help prints @p help. */
    Command(std::string name, const char* help);

    /** @brief Declares --NAME VALUE (kept as text; convert it with number() or value()). */
    void option(const std::string& name);
    /** @brief Declares the flag --NAME. */
    void flag(const std::string& name);

    /** @brief Parses argv[first..argc). False when --help was asked for (the help is then printed).
     *  @exception UsageError an unknown option, a missing value, a value given to a flag. */
    bool parse(int argc, char** argv, int first = 2);

    /** @brief The command's name. */
    const std::string& name() const { return name_; }
    /** @brief The value of --NAME, if given. */
    std::optional<std::string> value(const std::string& name) const;
    /** @brief The value of --NAME, or @p fallback. */
    std::string value_or(const std::string& name, const std::string& fallback) const;
    /** @brief True if the flag --NAME was given. */
    bool flag_set(const std::string& name) const;
    /** @brief --NAME as a whole number in [min, max], or @p fallback when absent. @exception UsageError. */
    std::uint32_t number(const std::string& name, std::uint32_t fallback, std::uint32_t min, std::uint32_t max) const;

    /** @brief The positional arguments, in order. */
    std::vector<std::string>& positional() { return positional_; }
    /** @brief UsageError("missing WHAT") unless there are at least @p min positional arguments. */
    void require_positional(std::size_t min, const char* what) const;
    /** @brief UsageError naming the first positional argument after @p max. */
    void reject_extra_positional(std::size_t max) const;

private:
    std::string name_;
    const char* help_;
    CLI::App app_;
    std::vector<std::string> positional_;
    std::vector<std::string> option_names_;
    std::vector<std::string> flag_names_;
    std::vector<std::optional<std::string>> values_;
    std::vector<bool> flags_;
};

/** @brief Declares --index DIR and --remote H:P[,H:P] on @p command. */
void add_index_options(Command& command);

/** @brief The index directory: --index DIR, or (the older spelling) the first positional argument,
 *  which is then removed; empty when --remote names the shards instead. @exception UsageError none. */
std::string take_index_path(Command& command);

/** @brief The index at @p db, or the shards of --remote (xapian-tcpsrv servers) as one index. */
fahras::Index open_index(const Command& command, const std::string& db, fahras::OpenMode mode,
                         const fahras::IndexOptions& options = {});

/** @brief Everything @p in holds. */
std::string read_all(std::istream& in);

/** @brief @p words from @p first on, joined by single spaces. */
std::string join(const std::vector<std::string>& words, std::size_t first = 0);

}  // namespace fahras_cli
