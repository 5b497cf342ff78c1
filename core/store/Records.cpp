#include "Records.h"

#include "common/Snowflake.h"

namespace gavel::store {

ReactionEmoji ReactionEmoji::fromKey(const QString &key)
{
    ReactionEmoji emoji;
    emoji.key = key;
    emoji.name = key;
    // Custom emoji are "name:id"; no unicode emoji contains a colon.
    const qsizetype colon = key.lastIndexOf(u':');
    if (colon > 0) {
        if (const std::optional<quint64> id = snowflake::parse(QStringView(key).mid(colon + 1))) {
            emoji.name = key.left(colon);
            emoji.emojiId = *id;
        }
    }
    return emoji;
}

} // namespace gavel::store
