// Every Discord object type decoded through QJsonObject (core/sync/Objects): guild, user,
// member, role, emoji and channel (with its permission overwrites), and the timestamp parser.
#include "sync/Objects.h"

#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView json(reinterpret_cast<const char *>(data), qsizetype(size));
    gavel::sync::parseTimestamp(json);
    gavel::sync::parseTimestamp(QStringView(QString::fromUtf8(json)));
    const auto object = gavel::sync::parseObject(json, u"fuzz input"_s);
    if (!object)
        return 0;
    const QJsonObject &o = *object;
    gavel::sync::guildRawJson(o);
    gavel::sync::channelRawJson(o);
    gavel::sync::guildRecord(o);
    gavel::sync::userRecord(o);
    gavel::sync::memberRecord(o);
    gavel::sync::roleRecord(o);
    gavel::sync::emojiRecord(o);
    gavel::sync::channelRecord(o);
    gavel::sync::overwritesOf(o);
    gavel::sync::idOf(o.value(u"id"_s));
    return 0;
}
