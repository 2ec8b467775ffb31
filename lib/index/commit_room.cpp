#include "index/commit_room.hpp"

#include <fahras/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fahras::detail {

namespace {
constexpr std::uint64_t kBlock = 8192;  // Glass's default block size, which fahras keeps
}

std::uint64_t commit_room_needed(std::uint64_t value_bytes, std::uint64_t documents) {
    return 2 * value_bytes + (documents + 64) * kBlock;
}

void reserve_commit_room(const std::string& dir, std::uint64_t bytes) {
    if (dir.empty() || bytes == 0) return;
    const std::string file = dir + "/postlist.glass";
    const int fd = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    int err = 0;
    if (::fstat(fd, &st) == 0 && ::fallocate(fd, FALLOC_FL_KEEP_SIZE, st.st_size, static_cast<off_t>(bytes)) != 0)
        err = errno;
    ::close(fd);
    if (err == ENOSPC || err == EDQUOT)
        throw IndexError("the disk is full (No space left on device: " + std::to_string(bytes / 1024) +
                         " KB could not be set aside for the commit in '" + dir +
                         "'); free space and commit again: nothing was written, the last commit is intact "
                         "and the changes since are still pending");
    // Any other error (EOPNOTSUPP on a file system without fallocate...): commit without the reserve.
}

}  // namespace fahras::detail
