// Discord's rate-limit headers and 429 bodies (core/discord/RateLimitHeaders). The input is
// "name: value" lines; the whole input is also tried as a 429 body and as each single field.
#include "discord/RateLimitHeaders.h"

#include <cstddef>
#include <cstdint>

using gavel::discord::RateLimitHeaders;

namespace {
void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    gavel::discord::RawHeaders headers;
    for (const QByteArray &line : input.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const RateLimitHeaders h = gavel::discord::parseRateLimitHeaders(headers);
    // The header contract: nothing negative, no wait beyond the saturation limit.
    check(!h.limit || *h.limit >= 0);
    check(!h.remaining || *h.remaining >= 0);
    check(!h.resetAfterMs ||
          (*h.resetAfterMs >= 0 && *h.resetAfterMs <= RateLimitHeaders::maxWaitMs));
    check(!h.retryAfterMs ||
          (*h.retryAfterMs >= 0 && *h.retryAfterMs <= RateLimitHeaders::maxWaitMs));
    check(!h.resetEpochMs || *h.resetEpochMs >= 0);

    const auto body = gavel::discord::parseRateLimitBody(input);
    check(!body.retryAfterMs ||
          (*body.retryAfterMs >= 0 && *body.retryAfterMs <= RateLimitHeaders::maxWaitMs));
    const auto seconds = gavel::discord::parseSecondsToMs(input);
    check(!seconds || (*seconds >= 0 && *seconds <= RateLimitHeaders::maxWaitMs));
    gavel::discord::parseEpochSecondsToMs(input);
    const auto count = gavel::discord::parseCount(input);
    check(!count || *count >= 0);
    return 0;
}
