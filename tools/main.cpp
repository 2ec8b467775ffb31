/** @file main.cpp
 *  @brief The `fahras` command-line tool: dispatches to the commands (commands.hpp) and turns every
 *  error into one "fahras: " line on stderr and an exit status: 0 success, 1 bad input or a failed
 *  operation, 2 wrong usage. Nothing escapes main() as an exception. The tool uses the public API only.
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"

#include <fahras/fahras.hpp>

#include <iostream>
#include <map>
#include <new>
#include <string>

namespace fahras_cli {
namespace {

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
        const char* help = command_help(argv[2]);
        if (!help) throw UsageError(std::string("unknown command '") + argv[2] + "'", "");
        std::cout << help;
        return kExitOk;
    }
    static const std::map<std::string, int (*)(int, char**)> commands = {
        {"index", run_index}, {"search", run_search},   {"batch", run_batch},
        {"stats", run_stats}, {"analyze", run_analyze}, {"get", run_get},
    };
    const auto it = commands.find(command);
    if (it == commands.end()) throw UsageError("unknown command '" + command + "'", "");
    return it->second(argc, argv);
}

}  // namespace
}  // namespace fahras_cli

int main(int argc, char** argv) {
    using namespace fahras_cli;
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
