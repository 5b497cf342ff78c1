// Message and reaction-user pages as the sync engine parses them (core/sync/PageParser).
#include "sync/PageParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    gavel::sync::MessagePage messages;
    if (messages.parse(body, 1234567890123456789ULL)) {
        // A page that parses must be coherent: never more kept messages than received.
        if (messages.messages.size() > messages.received)
            __builtin_trap();
    }
    gavel::sync::UserPage users;
    users.parse(body);
    return 0;
}
