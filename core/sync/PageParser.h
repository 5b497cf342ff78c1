#pragma once

#include "store/Records.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace gavel::sync {

//! One emoji of a message's reactions summary: how many users Discord counts for it.
struct ReactionCount
{
    store::ReactionEmoji emoji;
    int normal = 0; //!< count_details.normal
    int burst = 0;  //!< count_details.burst (super reactions)
};

//! A message of a page with the reactions summary that says which user lists to read.
struct PageMessage
{
    store::MessageRecord record;
    QList<ReactionCount> reactions;
};

/*!
 * A page of GET /channels/{c}/messages, parsed once with simdjson (as the client's validator,
 * so a truncated or malformed page is retried by the client) into store records: the
 * messages in ascending id order and the users they name (authors and mentions).
 */
struct MessagePage
{
    QList<PageMessage> messages;
    QList<store::UserRecord> users;
    int received = 0; //!< messages in the answer (before any filtering)

    //! Replaces the contents with `body`; false when it is not an array of messages.
    bool parse(QByteArrayView body, quint64 channelId);
};

//! A page of GET /channels/{c}/messages/{m}/reactions/{emoji}: the users, in the order sent.
struct UserPage
{
    QList<store::UserRecord> users;

    bool parse(QByteArrayView body);
};

//! The reaction key of an emoji as the reactions endpoint path wants it: unicode text, or
//! "name:id" for a custom emoji.
QString reactionKey(const QString &name, std::optional<quint64> id);

} // namespace gavel::sync
