/** @file progress.cpp
 *  @brief fahras_cli::Progress.
 */
#include "progress.hpp"

#include <algorithm>
#include <cstdio>

namespace fahras_cli {

namespace {

// A bar redraws often enough to look alive; plain lines are for logs, where fewer is better.
constexpr std::chrono::milliseconds kBarInterval{250};
constexpr int kBarWidth = 24;

}  // namespace

Progress::Progress(Style style, std::uint64_t total_bytes, double line_seconds)
    : style_(style),
      total_bytes_(total_bytes),
      interval_(style == Style::BAR ? std::chrono::duration_cast<Clock::duration>(kBarInterval)
                                    : std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(line_seconds))),
      start_(Clock::now()),
      last_draw_(start_) {}

std::string Progress::group_digits(std::uint64_t n) {
    std::string digits = std::to_string(n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

std::string Progress::clock_time(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    char text[32];
    if (s >= 3600) std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
    return text;
}

void Progress::update(std::uint64_t documents, std::uint64_t bytes) {
    if (style_ == Style::NONE) return;
    const auto now = Clock::now();
    if (now - last_draw_ < interval_) return;
    last_draw_ = now;
    draw(documents, bytes, false);
}

void Progress::finish(std::uint64_t documents, std::uint64_t bytes) {
    if (style_ == Style::NONE || !drawn_) return;
    draw(documents, bytes, true);
}

void Progress::clear_line() {
    if (bar_on_screen_) {
        std::fputs("\r\033[K", stderr);
        bar_on_screen_ = false;
    }
}

void Progress::draw(std::uint64_t documents, std::uint64_t bytes, bool final) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(documents) / seconds : 0.0;
    const double megabytes = static_cast<double>(bytes) / 1e6;
    std::string line;
    char part[128];
    double fraction = -1;
    if (total_bytes_ > 0) fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes_));
    if (final) fraction = total_bytes_ > 0 ? 1.0 : -1;
    if (style_ == Style::BAR && fraction >= 0) {
        const int filled = static_cast<int>(fraction * kBarWidth + 0.5);
        line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
                std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "] ";
    }
    if (fraction >= 0) {
        std::snprintf(part, sizeof part, "%3.0f%%  ", fraction * 100);
        line += part;
    }
    line += group_digits(documents) + " documents  ";
    if (total_bytes_ > 0) std::snprintf(part, sizeof part, "%.1f/%.1f MB  ", megabytes, static_cast<double>(total_bytes_) / 1e6);
    else std::snprintf(part, sizeof part, "%.1f MB  ", megabytes);
    line += part;
    std::snprintf(part, sizeof part, "%.0f docs/s  ", rate);
    line += part;
    if (final) {
        line += "done in " + clock_time(seconds);
    } else if (fraction > 0.01 && fraction < 1) {
        line += "ETA " + clock_time(seconds * (1 - fraction) / fraction);
    } else {
        line += clock_time(seconds);
    }
    if (style_ == Style::BAR) {
        std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), final ? "\n" : "");
        bar_on_screen_ = !final;
    } else {
        std::fprintf(stderr, "progress: %s\n", line.c_str());
    }
    std::fflush(stderr);
    drawn_ = true;
}

}  // namespace fahras_cli
