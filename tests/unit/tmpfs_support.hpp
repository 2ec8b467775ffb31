// A tmpfs mounted for the length of a test: a small disk that fills up, or a file system that turns
// read-only. Mounting needs root with CAP_SYS_ADMIN (CI runs as root); elsewhere the test skips.
#pragma once

#include <doctest/doctest.h>

#include <sys/mount.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace fahras::test {

/// A tmpfs mounted on a directory; `mounted()` false (with the reason) where the process may not mount.
class Tmpfs {
public:
    Tmpfs(std::string dir, const std::string& options) : dir_(std::move(dir)), options_(options) {
        mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options_.c_str()) == 0;
        if (!mounted_) reason_ = std::strerror(errno);
    }
    ~Tmpfs() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& reason() const { return reason_; }
    bool remount_read_only() {
        return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, options_.c_str()) == 0;
    }
    /// New size limit, e.g. "size=4m" (refused below what is already used).
    bool remount(const std::string& options) {
        options_ = options;
        return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, options_.c_str()) == 0;
    }

private:
    std::string dir_, options_, reason_;
    bool mounted_ = false;
};

}  // namespace fahras::test
