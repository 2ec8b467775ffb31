/** @file cmd_get.cpp
 *  @brief `fahras get`: the stored article with an id, as JSON.
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "output.hpp"

#include <iostream>
#include <optional>

namespace fahras_cli {

int run_get(int argc, char** argv) {
    Command args("get", kGetHelp);
    add_index_options(args);
    args.flag("pretty");
    if (!args.parse(argc, argv)) return kExitOk;
    const std::string db = take_index_path(args);
    args.require_positional(1, "ID");
    args.reject_extra_positional(1);
    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const std::optional<fahras::Article> article = index.get(args.positional()[0]);
    if (!article) {
        std::cerr << "fahras: no article with id '" << args.positional()[0] << "' in " << db << '\n';
        return kExitRuntime;
    }
    std::cout << dump(article_json(*article), args.flag_set("pretty") ? 2 : -1) << '\n';
    return kExitOk;
}

}  // namespace fahras_cli
