/** @file progress.hpp
 *  @brief Progress of a long `fahras index` run on stderr: a bar that redraws itself on a terminal,
 *  a plain line every few seconds otherwise (logs, CI), and nothing when quiet.
 */
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace fahras_cli {

class Progress {
public:
    enum class Style { NONE, BAR, LINES };

    /** @brief @p total_bytes is the size of all inputs, 0 when unknown (standard input): then no
     *  percentage and no ETA. @p line_seconds: the interval between plain lines. */
    Progress(Style style, std::uint64_t total_bytes, double line_seconds = 5.0);

    /** @brief @p documents indexed and @p bytes of input read so far; draws when it is time to. */
    void update(std::uint64_t documents, std::uint64_t bytes);

    /** @brief Draws the final state (and ends the bar's line) if anything was drawn before. */
    void finish(std::uint64_t documents, std::uint64_t bytes);

    /** @brief Clears the bar so that a message can be printed on a clean line; the next update redraws. */
    void clear_line();

    /** @brief "1,234,567": thousands separated, for counts people read. */
    static std::string group_digits(std::uint64_t n);
    /** @brief "1:05" or "1:02:03". */
    static std::string clock_time(double seconds);

private:
    void draw(std::uint64_t documents, std::uint64_t bytes, bool final);

    using Clock = std::chrono::steady_clock;
    Style style_;
    std::uint64_t total_bytes_;
    Clock::duration interval_;
    Clock::time_point start_;
    Clock::time_point last_draw_;
    bool drawn_ = false;
    bool bar_on_screen_ = false;
};

}  // namespace fahras_cli
