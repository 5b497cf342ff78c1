#pragma once

// Internal to the REST client: shared by RequestBuilder and Client only.

#include "discord/Reply.h"
#include "discord/Route.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace gavel::discord {

struct BucketQueue;

//! A request from execute() until its callback: what to send and how far it has got.
struct PendingRequest
{
    Route route;
    QByteArray query; //!< encoded, without '?'
    QByteArray body;
    QByteArray reason; //!< X-Audit-Log-Reason, encoded
    ReplyCallback callback;
    std::function<bool(QByteArrayView)> validator;
    QPointer<const QObject> context;
    BucketQueue *queue = nullptr;
    quint64 id = 0;
    quint64 transportId = 0;
    qint64 timeoutMs = 0; //!< 0: the client's default
    qint64 notBefore = 0;
    std::optional<bool> idempotent;
    int attempts = 0;         //!< times sent
    int failures = 0;         //!< retryable failures so far
    int rateLimitRetries = 0; //!< 429s so far
    quint32 window = 0;       //!< bucket window it was reserved in
    bool hasContext = false;
    bool expectJson = true;
    bool hasBody = false;
    bool cancelled = false;
    bool executed = false;
};

} // namespace gavel::discord
