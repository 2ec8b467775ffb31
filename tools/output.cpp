/** @file output.cpp
 *  @brief JSON and terminal output of the commands.
 */
#include "output.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <unistd.h>

namespace fahras_cli {

std::string dump(const Json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Json hit_json(const fahras::Hit& hit) {
    return Json{{"rank", hit.rank},     {"id", hit.id},         {"score", hit.score},   {"title", hit.title},
                {"author", hit.author}, {"source", hit.source}, {"url", hit.url},       {"date", hit.date},
                {"snippet", hit.snippet}, {"metadata", hit.metadata}};
}

Json article_json(const fahras::Article& a) {
    return Json{{"id", a.id},         {"title", a.title}, {"body", a.body}, {"author", a.author},
                {"source", a.source}, {"url", a.url},     {"date", a.date}, {"metadata", a.metadata}};
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);  // an ill-formed sequence gives c < 0: one column, like U+FFFD
        if (c < 0) {
            ++width;
            continue;
        }
        const auto category = u_charType(c);
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) continue;
        const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
    }
    return width;
}

std::string pad(std::string_view text, std::size_t width) {
    std::string out(text);
    const std::size_t w = display_width(text);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace fahras_cli
