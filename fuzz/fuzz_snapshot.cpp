// The guild-snapshot reader (app/emulator/Snapshot, guild-snapshot/1): a snapshot that loads
// must write itself back out and load again.
#include "emulator/Snapshot.h"

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    auto snapshot = gavel::emulator::Snapshot::fromJson(json, u"fuzz input"_s);
    if (!snapshot)
        return 0;
    snapshot->messageCount();
    snapshot->reactionUserCount();
    snapshot->findBotUser();
    for (const auto &channel : snapshot->channels())
        for (const auto &member : snapshot->members())
            snapshot->channelPermissions(member.userId, channel);
    const auto again = gavel::emulator::Snapshot::fromJson(snapshot->toJson(), u"fuzz output"_s);
    if (!again)
        __builtin_trap(); // what the reader accepted, its writer must produce readably
    return 0;
}
