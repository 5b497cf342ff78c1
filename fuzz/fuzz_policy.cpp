// The gavel-policy/1 file parser (core/policy/Policy).
#include "policy/Policy.h"

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto policy = gavel::policy::Policy::parse(json, u"fuzz input"_s);
    (void)policy;
    return 0;
}
