#include "common/ProcessHardening.h"

#include <cstdlib>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace gavel::hardening {

namespace {

bool coreDumpsAllowed()
{
    const char *value = std::getenv("GAVEL_ALLOW_CORE_DUMPS");
    return value != nullptr && std::strcmp(value, "1") == 0;
}

} // namespace

void hardenProcess()
{
    ::umask(S_IRWXG | S_IRWXO);
    if (coreDumpsAllowed())
        return;
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
#if defined(__linux__)
    // Also keeps other processes of the same user from reading the token out of our memory
    // with ptrace or /proc/<pid>/mem.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

Status status()
{
    Status s;
#if defined(__linux__)
    s.dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#endif
    rlimit core{};
    if (::getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur != RLIM_INFINITY)
        s.coreLimit = qint64(core.rlim_cur);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    s.umask = unsigned(mask);
    return s;
}

QString describe(const Status &status)
{
    return u"dumpable=%1 core-limit=%2 umask=%3"_s.arg(status.dumpable)
        .arg(status.coreLimit < 0 ? u"unlimited"_s : QString::number(status.coreLimit))
        .arg(QString::number(status.umask, 8).rightJustified(4, u'0'));
}

} // namespace gavel::hardening
