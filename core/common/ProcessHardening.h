#pragma once

#include <QString>

namespace gavel::hardening {

//! The process settings hardenProcess() makes, as the kernel reports them back.
struct Status
{
    int dumpable = -1;      //!< prctl(PR_GET_DUMPABLE): 0 = no core dump, no ptrace by peers
    qint64 coreLimit = -1;  //!< RLIMIT_CORE soft limit in bytes; -1 = unlimited or unknown
    unsigned umask = 0777u; //!< the file creation mask
};

/*!
 * Owner-only files and no core dumps for a process that holds a bot token and a guild's
 * history (docs/security.md): umask 077, so the database, its -wal/-shm, exports and reports
 * are created 0600 and directories 0700; on Linux not dumpable (PR_SET_DUMPABLE 0) and
 * RLIMIT_CORE 0, so a crash leaves no core file with the token in it. Call first in main(),
 * before any thread or file exists. GAVEL_ALLOW_CORE_DUMPS=1 keeps core dumps and debuggers
 * working (the umask is set regardless).
 */
void hardenProcess();

//! The current settings (reads the umask without changing it).
Status status();

//! "dumpable=0 core-limit=0 umask=0077", for GAVEL_PRINT_HARDENING=1 (docs/hardening.md).
QString describe(const Status &status);

} // namespace gavel::hardening
