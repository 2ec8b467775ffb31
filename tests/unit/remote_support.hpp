// A xapian-tcpsrv process for the remote-shard tests, on 127.0.0.1 and a free port, that the test
// always stops: the destructor kills it and every connection process it forked, even when a check
// fails, and PR_SET_PDEATHSIG kills it if the test binary itself dies.
#pragma once

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

namespace fahras::test {

/// True when xapian-tcpsrv is an executable on PATH: without it the remote tests cannot run, and
/// report themselves skipped rather than failed.
inline bool tcpsrv_on_path() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        const std::string dir = dirs.substr(start, end - start);
        if (!dir.empty() && ::access((dir + "/xapian-tcpsrv").c_str(), X_OK) == 0) return true;
        start = end + 1;
    }
    return false;
}

class TcpServer {
public:
    /// Serves the database at @p db (which must exist); waits until it accepts connections.
    TcpServer(const std::string& db, bool writable) {
        // Connection processes outlive a killed server: make this process their reaper, so that
        // stop() can wait for them too.
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        for (int attempt = 0; attempt < 5; ++attempt) {
            port_ = free_port();
            start(db, writable);
            if (wait_until_listening()) return;
            stop();  // the port was taken between our probe and its bind: try another
        }
        FAIL("xapian-tcpsrv did not start (is xapian-tools installed? scripts/install-deps.sh installs it)");
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    std::uint16_t port() const { return port_; }

    /// Kills the server and the processes serving its open connections, and reaps them all.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        while (::waitpid(-pid_, nullptr, 0) > 0 || errno == EINTR) {
        }
        pid_ = -1;
    }

    /// Freezes the server and its connection processes: connections stay open, nothing answers.
    void pause() {
        if (pid_ > 0) ::kill(-pid_, SIGSTOP);
    }

private:
    static std::uint16_t free_port() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;  // the kernel picks a free ephemeral port
        socklen_t len = sizeof addr;
        const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
        ::close(fd);
        REQUIRE(ok);
        return ntohs(addr.sin_port);
    }

    void start(const std::string& db, bool writable) {
        const std::string port = std::to_string(port_);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::setpgid(0, 0);  // its own group, so that stop() reaches the processes it forks
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            // Quiet: it reports every connection the tests close (the readiness probes, the kills).
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
            const char* argv[] = {"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(), "--quiet",
                                  writable ? "--writable" : db.c_str(), writable ? db.c_str() : nullptr, nullptr};
            ::execvp(argv[0], const_cast<char* const*>(argv));
            ::_exit(127);
        }
        ::setpgid(pid_, pid_);  // (also here: whichever runs first)
    }

    // True once a connection succeeds; false if the server exited or 10 s passed.
    bool wait_until_listening() const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return false;
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            addr.sin_port = htons(port_);
            const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
            ::close(fd);
            if (connected) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace fahras::test
