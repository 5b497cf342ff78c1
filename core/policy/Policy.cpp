#include "policy/Policy.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace gavel::policy {

QString scoringName(Scoring scoring)
{
    switch (scoring) {
    case Scoring::Daimyo:
        return u"daimyo"_s;
    case Scoring::Karma:
        return u"karma"_s;
    case Scoring::Cred:
        return u"cred"_s;
    case Scoring::Conversation:
        return u"conversation"_s;
    }
    return {};
}

namespace {

void appendString(QByteArray &out, const QString &s)
{
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendCanonical(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const auto i = static_cast<qint64>(d);
        if (static_cast<double>(i) == d)
            out += QByteArray::number(i);
        else
            out += QByteArray::number(d, 'g', 17); // never in a valid policy (parser refuses)
        break;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        bool first = true;
        for (const QJsonValue &v : value.toArray()) {
            if (!first)
                out += ',';
            first = false;
            appendCanonical(out, v);
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        QStringList keys = o.keys();
        // JCS orders by UTF-16 code units, which is QString's operator<.
        std::sort(keys.begin(), keys.end());
        out += '{';
        bool first = true;
        for (const QString &k : keys) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, k);
            out += ':';
            appendCanonical(out, o.value(k));
        }
        out += '}';
        break;
    }
    }
}

//! Reads a JSON document field by field, remembering the first error with its JSON path.
class Reader
{
public:
    explicit Reader(QString source)
        : m_source(std::move(source))
    {}

    bool failed() const { return !m_error.isEmpty(); }
    Error error() const
    {
        return Error{u"policy %1: %2"_s.arg(m_source, m_error),
                     u"Fix the file; docs/policies.md describes every field and "
                     u"resources/policies/policy.schema.json checks it."_s};
    }

    void fail(const QString &path, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = path + u": "_s + what;
    }

    static QString describe(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
            return u"null"_s;
        case QJsonValue::Bool:
            return v.toBool() ? u"true"_s : u"false"_s;
        case QJsonValue::Double:
            return u"the number "_s + QString::number(v.toDouble(), 'g', 17);
        case QJsonValue::String:
            return u"the string \""_s + v.toString().left(40) + u'"';
        case QJsonValue::Array:
            return u"an array"_s;
        case QJsonValue::Object:
            return u"an object"_s;
        default:
            return u"nothing"_s;
        }
    }

    //! Fails on members not in `allowed`, like the schema's additionalProperties: false.
    void onlyKeys(const QJsonObject &o, const QString &path, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key())) {
                fail(path + u'.' + it.key(),
                     u"unknown field; expected one of: %1"_s.arg(allowed.join(u", "_s)));
                return;
            }
        }
    }

    QJsonObject object(const QJsonObject &parent, const QString &key, const QString &path,
                       bool required)
    {
        const QJsonValue v = parent.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(path + u'.' + key, u"missing; expected an object"_s);
            return {};
        }
        if (!v.isObject()) {
            fail(path + u'.' + key, u"expected an object, got "_s + describe(v));
            return {};
        }
        return v.toObject();
    }

    QString string(const QJsonObject &o, const QString &key, const QString &path, bool required,
                   const QString &fallback = {}, bool allowEmpty = true)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(path + u'.' + key, u"missing; expected a string"_s);
            return fallback;
        }
        if (!v.isString()) {
            fail(path + u'.' + key, u"expected a string, got "_s + describe(v));
            return fallback;
        }
        if (!allowEmpty && v.toString().isEmpty())
            fail(path + u'.' + key, u"expected a non-empty string"_s);
        return v.toString();
    }

    //! A role reference: a name or an id, or null (= none) when `nullable`.
    QString role(const QJsonObject &o, const QString &key, const QString &path, bool required,
                 bool nullable, const QString &fallback = {})
    {
        const QJsonValue v = o.value(key);
        if (v.isNull() && nullable)
            return {};
        if (v.isUndefined() && !required)
            return fallback;
        return string(o, key, path, true, fallback, false);
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(path + u'.' + key, u"expected true or false, got "_s + describe(v));
            return fallback;
        }
        return v.toBool();
    }

    qint64 integerValue(const QJsonValue &v, const QString &path, qint64 min, qint64 max,
                        const QString &unit)
    {
        const QString expected = u"expected a whole number %1 from %2 to %3"_s.arg(
            unit, QString::number(min), QString::number(max));
        if (!v.isDouble()) {
            fail(path, expected + u", got "_s + describe(v));
            return min;
        }
        const double d = v.toDouble();
        if (d != static_cast<double>(static_cast<qint64>(d)) || d < static_cast<double>(min) ||
            d > static_cast<double>(max)) {
            fail(path, expected + u", got "_s + describe(v));
            return min;
        }
        return static_cast<qint64>(d);
    }

    qint64 integer(const QJsonObject &o, const QString &key, const QString &path, qint64 min,
                   qint64 max, qint64 fallback, const QString &unit = {}, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(path + u'.' + key, u"missing; expected a whole number"_s);
            return fallback;
        }
        return integerValue(v, path + u'.' + key, min, max, unit);
    }

    QStringList strings(const QJsonObject &o, const QString &key, const QString &path,
                        const QStringList &fallback = {}, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(path + u'.' + key, u"missing; expected an array of strings"_s);
            return fallback;
        }
        if (!v.isArray()) {
            fail(path + u'.' + key, u"expected an array of strings, got "_s + describe(v));
            return fallback;
        }
        QStringList out;
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1.%2[%3]"_s.arg(path, key).arg(i);
            if (!a[i].isString() || a[i].toString().isEmpty()) {
                fail(p, u"expected a non-empty string, got "_s + describe(a[i]));
                continue;
            }
            if (out.contains(a[i].toString())) {
                fail(p, u"\"%1\" is listed twice"_s.arg(a[i].toString()));
                continue;
            }
            out.append(a[i].toString());
        }
        return out;
    }

    quint64 snowflake(const QJsonValue &v, const QString &path)
    {
        bool ok = false;
        const QString s = v.toString();
        const quint64 id = s.toULongLong(&ok);
        if (!v.isString() || !ok || s.size() < 17 || s.size() > 20 || id == 0)
            fail(path, u"expected a Discord id as a string of 17-20 digits, got "_s + describe(v));
        return id;
    }

    QList<quint64> snowflakes(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        QList<quint64> out;
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            fail(path + u'.' + key, u"expected an array of Discord ids, got "_s + describe(v));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            out.append(snowflake(a[i], u"%1.%2[%3]"_s.arg(path, key).arg(i)));
        return out;
    }

    //! {"name or id": integer} in a fixed range.
    template<typename T>
    QList<QPair<QString, T>> weights(const QJsonObject &o, const QString &key, const QString &path,
                                     qint64 min, qint64 max, const QString &unit)
    {
        QList<QPair<QString, T>> out;
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return out;
        if (!v.isObject()) {
            fail(path + u'.' + key, u"expected an object of name: number, got "_s + describe(v));
            return out;
        }
        const QJsonObject m = v.toObject();
        for (auto it = m.begin(); it != m.end(); ++it) {
            if (it.key().isEmpty()) {
                fail(path + u'.' + key, u"a name must not be empty"_s);
                continue;
            }
            out.append({it.key(),
                        static_cast<T>(integerValue(it.value(), path + u'.' + key + u'.' + it.key(),
                                                    min, max, unit))});
        }
        return out;
    }

private:
    QString m_source;
    QString m_error;
};

constexpr qint64 maxBp = 1000000; // 100x
constexpr qint64 maxScore = std::numeric_limits<qint32>::max();

void readRoles(Reader &r, const QJsonObject &root, Policy &p)
{
    const QString path = u"$.roles"_s;
    const QJsonObject o = r.object(root, u"roles"_s, u"$"_s, true);
    r.onlyKeys(
        o, path,
        {u"managed"_s, u"exempt"_s, u"deactivated"_s, u"deactivations"_s, u"reactivations"_s});
    p.managedRoles = r.strings(o, u"managed"_s, path, {}, true);
    p.exemptRoles = r.strings(o, u"exempt"_s, path, {}, true);
    p.deactivatedRole = r.role(o, u"deactivated"_s, path, true, true);
    const QJsonValue d = o.value(u"deactivations"_s);
    if (!d.isUndefined()) {
        if (!d.isArray()) {
            r.fail(path + u".deactivations"_s, u"expected an array, got "_s + Reader::describe(d));
        } else {
            const QJsonArray a = d.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString ip = u"%1.deactivations[%2]"_s.arg(path).arg(i);
                if (!a[i].isObject()) {
                    r.fail(ip, u"expected an object, got "_s + Reader::describe(a[i]));
                    continue;
                }
                const QJsonObject e = a[i].toObject();
                r.onlyKeys(e, ip, {u"user_id"_s, u"since"_s, u"note"_s});
                Deactivation dz;
                dz.user = r.snowflake(e.value(u"user_id"_s), ip + u".user_id"_s);
                const QString since = r.string(e, u"since"_s, ip, true);
                const QDateTime t = QDateTime::fromString(since, Qt::ISODateWithMs);
                if (!r.failed() && !t.isValid())
                    r.fail(
                        ip + u".since"_s,
                        u"expected an ISO 8601 time such as 2026-06-01T00:00:00Z, got \"%1\""_s.arg(
                            since));
                dz.since = t.toMSecsSinceEpoch();
                dz.note = r.string(e, u"note"_s, ip, false);
                p.deactivations.push_back(dz);
            }
        }
    }
    p.reactivations = r.snowflakes(o, u"reactivations"_s, path);
    if (!p.deactivatedRole.isEmpty() && !p.managedRoles.contains(p.deactivatedRole))
        r.fail(path + u".deactivated"_s,
               u"the deactivated role \"%1\" must also be listed in $.roles.managed"_s.arg(
                   p.deactivatedRole));
    if ((!p.deactivations.empty() || !p.reactivations.isEmpty()) && p.deactivatedRole.isEmpty())
        r.fail(path + u".deactivated"_s,
               u"deactivations and reactivations need a deactivated role"_s);
}

void readLevels(Reader &r, const QJsonObject &root, Policy &p)
{
    const QJsonValue v = root.value(u"levels"_s);
    if (v.isUndefined()) {
        r.fail(u"$.levels"_s, u"missing; expected an array of {level, min, role}"_s);
        return;
    }
    if (!v.isArray() || v.toArray().isEmpty()) {
        r.fail(u"$.levels"_s, u"expected a non-empty array, got "_s + Reader::describe(v));
        return;
    }
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString ip = u"$.levels[%1]"_s.arg(i);
        if (!a[i].isObject()) {
            r.fail(ip, u"expected an object, got "_s + Reader::describe(a[i]));
            continue;
        }
        const QJsonObject e = a[i].toObject();
        r.onlyKeys(e, ip, {u"level"_s, u"min"_s, u"role"_s});
        Level l;
        l.number = static_cast<int>(r.integer(e, u"level"_s, ip, 0, 1000, 0, {}, true));
        l.min = r.integer(e, u"min"_s, ip, -maxScore, maxScore, 0, {}, true);
        l.role = r.role(e, u"role"_s, ip, true, true);
        if (!p.levels.empty() && !r.failed()) {
            if (l.min <= p.levels.back().min)
                r.fail(ip + u".min"_s, u"levels must be sorted by increasing min"_s);
            if (l.number <= p.levels.back().number)
                r.fail(ip + u".level"_s, u"level numbers must increase"_s);
        }
        p.levels.push_back(l);
    }
}

DaimyoRung readRung(Reader &r, const QJsonObject &o, const QString &key, const QString &path,
                    const DaimyoRung &defaults)
{
    const QString rp = path + u'.' + key;
    const QJsonObject e = r.object(o, key, path, true);
    r.onlyKeys(e, rp, {u"role"_s, u"reactions"_s, u"distinct_reactors_bp"_s, u"reactor_roles"_s});
    DaimyoRung rung;
    rung.role = r.role(e, u"role"_s, rp, true, false);
    rung.reactions =
        static_cast<int>(r.integer(e, u"reactions"_s, rp, 1, 1000000, defaults.reactions));
    rung.distinctBp = static_cast<int>(r.integer(e, u"distinct_reactors_bp"_s, rp, 0, 10000,
                                                 defaults.distinctBp, u"of basis points"_s));
    rung.reactorRoles = r.strings(e, u"reactor_roles"_s, rp, {}, true);
    if (!r.failed() && rung.reactorRoles.isEmpty())
        r.fail(rp + u".reactor_roles"_s, u"expected at least one role"_s);
    return rung;
}

void readDaimyo(Reader &r, const QJsonObject &root, Policy &p)
{
    const QString path = u"$.daimyo"_s;
    const QJsonObject o = r.object(root, u"daimyo"_s, u"$"_s, true);
    r.onlyKeys(
        o, path,
        {u"emoji"_s, u"base_role"_s, u"senpai"_s, u"sensei"_s, u"decay"_s, u"exempt_role"_s});
    DaimyoRules &d = p.daimyo;
    d.emoji = r.strings(o, u"emoji"_s, path, {}, true);
    if (!r.failed() && d.emoji.isEmpty())
        r.fail(path + u".emoji"_s, u"expected at least one emoji"_s);
    d.baseRole = r.role(o, u"base_role"_s, path, true, false);
    d.senpai = readRung(r, o, u"senpai"_s, path, {{}, 50, 1000, {}});
    d.sensei = readRung(r, o, u"sensei"_s, path, {{}, 30, 2000, {}});
    const QJsonObject decay = r.object(o, u"decay"_s, path, false);
    r.onlyKeys(decay, path + u".decay"_s, {u"enabled"_s, u"window_days"_s, u"reactions"_s});
    d.decay = r.boolean(decay, u"enabled"_s, path + u".decay"_s, true);
    d.decayWindowDays =
        static_cast<int>(r.integer(decay, u"window_days"_s, path + u".decay"_s, 1, 36500, 360));
    d.decayReactions =
        static_cast<int>(r.integer(decay, u"reactions"_s, path + u".decay"_s, 1, 1000000, 30));
    d.exemptRole = r.role(o, u"exempt_role"_s, path, false, true);
}

void readKarma(Reader &r, const QJsonObject &root, Policy &p)
{
    const QString path = u"$.karma"_s;
    const QJsonObject o = r.object(root, u"karma"_s, u"$"_s, true);
    r.onlyKeys(o, path,
               {u"trigger_words"_s, u"thanks_by_mention"_s, u"thanks_by_reply"_s,
                u"reaction_emoji"_s, u"cooldown_minutes"_s, u"cooldown_symmetric"_s,
                u"excluded_channels"_s});
    KarmaRules &k = p.karma;
    k.triggerWords = r.strings(o, u"trigger_words"_s, path, {}, true);
    k.thanksByMention = r.boolean(o, u"thanks_by_mention"_s, path, true);
    k.thanksByReply = r.boolean(o, u"thanks_by_reply"_s, path, true);
    k.reactionEmoji = r.strings(o, u"reaction_emoji"_s, path);
    k.cooldownMinutes = r.integer(o, u"cooldown_minutes"_s, path, 0, 525600, 720, u"of minutes"_s);
    k.cooldownSymmetric = r.boolean(o, u"cooldown_symmetric"_s, path, false);
    k.excludedChannels = r.strings(o, u"excluded_channels"_s, path);
}

void readCred(Reader &r, const QJsonObject &root, Policy &p)
{
    const QString path = u"$.cred"_s;
    const QJsonObject o = r.object(root, u"cred"_s, u"$"_s, true);
    r.onlyKeys(o, path,
               {u"emoji_weights_bp"_s, u"default_emoji_weight_bp"_s, u"channel_weights_bp"_s,
                u"default_channel_weight_bp"_s, u"role_weights_bp"_s, u"default_role_weight_bp"_s,
                u"multi_react_dropoff"_s, u"pair_dropoff"_s, u"reactor_budget"_s, u"trust_tiers"_s,
                u"merit_sources"_s, u"channel_budgets"_s, u"platform_budget"_s,
                u"pair_discount"_s});
    CredRules &c = p.cred;
    const QString bp = u"of basis points"_s;
    c.emojiWeightsBp = r.weights<int>(o, u"emoji_weights_bp"_s, path, 0, maxBp, bp);
    c.defaultEmojiWeightBp =
        static_cast<int>(r.integer(o, u"default_emoji_weight_bp"_s, path, 0, maxBp, 0, bp));
    c.channelWeightsBp = r.weights<int>(o, u"channel_weights_bp"_s, path, 0, maxBp, bp);
    c.defaultChannelWeightBp =
        static_cast<int>(r.integer(o, u"default_channel_weight_bp"_s, path, 0, maxBp, 10000, bp));
    c.roleWeightsBp = r.weights<int>(o, u"role_weights_bp"_s, path, 0, maxBp, bp);
    c.defaultRoleWeightBp =
        static_cast<int>(r.integer(o, u"default_role_weight_bp"_s, path, 0, maxBp, 10000, bp));

    const QString mp = path + u".multi_react_dropoff"_s;
    const QJsonObject m = r.object(o, u"multi_react_dropoff"_s, path, false);
    r.onlyKeys(m, mp, {u"enabled"_s, u"factor_bp"_s});
    c.multiReactDropoff = r.boolean(m, u"enabled"_s, mp, false);
    c.multiReactFactorBp = static_cast<int>(r.integer(m, u"factor_bp"_s, mp, 0, 10000, 5000, bp));

    const QString pp = path + u".pair_dropoff"_s;
    const QJsonObject pd = r.object(o, u"pair_dropoff"_s, path, false);
    r.onlyKeys(pd, pp,
               {u"mode"_s, u"factor_bp"_s, u"window_minutes"_s, u"recovery_minutes"_s,
                u"recovery_shape_bp"_s});
    const QString mode = r.string(pd, u"mode"_s, pp, false, u"off"_s);
    if (mode == u"off"_s)
        c.pairDropoff = PairDropoff::Off;
    else if (mode == u"hard_reset"_s)
        c.pairDropoff = PairDropoff::HardReset;
    else if (mode == u"recovery"_s)
        c.pairDropoff = PairDropoff::Recovery;
    else
        r.fail(pp + u".mode"_s,
               u"expected \"off\", \"hard_reset\" or \"recovery\", got \"%1\""_s.arg(mode));
    c.pairFactorBp = static_cast<int>(r.integer(pd, u"factor_bp"_s, pp, 0, 10000, 5000, bp));
    c.pairWindowMinutes = r.integer(pd, u"window_minutes"_s, pp, 1, 525600, 1440, u"of minutes"_s);
    c.pairRecoveryMinutes =
        r.integer(pd, u"recovery_minutes"_s, pp, 1, 525600, 720, u"of minutes"_s);
    c.pairRecoveryShapeBp =
        static_cast<int>(r.integer(pd, u"recovery_shape_bp"_s, pp, 1, 100000, 5000, bp));

    const QString bpth = path + u".reactor_budget"_s;
    const QJsonObject b = r.object(o, u"reactor_budget"_s, path, false);
    r.onlyKeys(b, bpth, {u"enabled"_s, u"per_week"_s});
    c.reactorBudget = r.boolean(b, u"enabled"_s, bpth, false);
    c.reactorBudgetPerWeek = r.integer(b, u"per_week"_s, bpth, 0, maxScore, 10);

    const QString tp = path + u".trust_tiers"_s;
    const QJsonObject t = r.object(o, u"trust_tiers"_s, path, false);
    r.onlyKeys(t, tp, {u"enabled"_s, u"tiers"_s});
    c.trustTiers = r.boolean(t, u"enabled"_s, tp, false);
    const QJsonValue tiers = t.value(u"tiers"_s);
    if (!tiers.isUndefined()) {
        if (!tiers.isArray()) {
            r.fail(tp + u".tiers"_s, u"expected an array, got "_s + Reader::describe(tiers));
        } else {
            const QJsonArray a = tiers.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString ip = u"%1.tiers[%2]"_s.arg(tp).arg(i);
                const QJsonObject e = a[i].toObject();
                if (!a[i].isObject())
                    r.fail(ip, u"expected an object, got "_s + Reader::describe(a[i]));
                r.onlyKeys(e, ip, {u"min"_s, u"weight_bp"_s});
                TrustTier tier;
                tier.min = r.integer(e, u"min"_s, ip, 0, maxScore, 0, {}, true);
                tier.weightBp =
                    static_cast<int>(r.integer(e, u"weight_bp"_s, ip, 0, maxBp, 0, bp, true));
                if (!c.tiers.empty() && tier.min <= c.tiers.back().min)
                    r.fail(ip + u".min"_s, u"tiers must be sorted by increasing min"_s);
                c.tiers.push_back(tier);
            }
        }
    }
    if (c.trustTiers && c.tiers.empty())
        r.fail(tp + u".tiers"_s, u"trust tiers are enabled but no tier is given"_s);
    if (!c.tiers.empty() && c.tiers.front().min != 0)
        r.fail(tp + u".tiers[0].min"_s, u"the first tier must start at 0"_s);

    const QString sp = path + u".merit_sources"_s;
    const QJsonObject s = r.object(o, u"merit_sources"_s, path, false);
    r.onlyKeys(s, sp, {u"enabled"_s, u"roles"_s, u"reactions"_s, u"ramp"_s});
    c.meritSources = r.boolean(s, u"enabled"_s, sp, false);
    c.meritRoles = r.strings(s, u"roles"_s, sp);
    c.meritReactions = static_cast<int>(r.integer(s, u"reactions"_s, sp, 1, 1000000, 1));
    const QJsonValue ramp = s.value(u"ramp"_s);
    if (!ramp.isUndefined()) {
        if (!ramp.isArray()) {
            r.fail(sp + u".ramp"_s, u"expected an array, got "_s + Reader::describe(ramp));
        } else {
            const QJsonArray a = ramp.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString ip = u"%1.ramp[%2]"_s.arg(sp).arg(i);
                if (!a[i].isObject())
                    r.fail(ip, u"expected an object, got "_s + Reader::describe(a[i]));
                const QJsonObject e = a[i].toObject();
                r.onlyKeys(e, ip, {u"week"_s, u"cap"_s});
                RampStep st;
                st.week = static_cast<int>(r.integer(e, u"week"_s, ip, 1, 520, 1, {}, true));
                st.cap = r.integer(e, u"cap"_s, ip, 0, maxScore, 0, {}, true);
                if (!c.ramp.empty() && st.week <= c.ramp.back().week)
                    r.fail(ip + u".week"_s, u"ramp steps must be sorted by increasing week"_s);
                c.ramp.push_back(st);
            }
        }
    }
    if (c.meritSources && c.meritRoles.isEmpty())
        r.fail(sp + u".roles"_s, u"merit sources are enabled but no source role is given"_s);

    c.channelBudgetsPerWeek =
        r.weights<qint64>(o, u"channel_budgets"_s, path, 0, maxScore, u"per week"_s);
    const QString plp = path + u".platform_budget"_s;
    const QJsonObject pl = r.object(o, u"platform_budget"_s, path, false);
    r.onlyKeys(pl, plp, {u"enabled"_s, u"per_week"_s});
    const bool platform = r.boolean(pl, u"enabled"_s, plp, false);
    const qint64 perWeek = r.integer(pl, u"per_week"_s, plp, 1, maxScore, 300);
    c.platformBudgetPerWeek = platform ? perWeek : 0;

    const QString dp = path + u".pair_discount"_s;
    const QJsonObject pdc = r.object(o, u"pair_discount"_s, path, false);
    r.onlyKeys(pdc, dp, {u"enabled"_s, u"k"_s});
    c.pairDiscount = r.boolean(pdc, u"enabled"_s, dp, false);
    c.pairDiscountK = r.integer(pdc, u"k"_s, dp, 1, maxScore, 10);
}

void readConversation(Reader &r, const QJsonObject &root, Policy &p)
{
    const QString path = u"$.conversation"_s;
    const QJsonObject o = r.object(root, u"conversation"_s, u"$"_s, true);
    r.onlyKeys(o, path,
               {u"session_gap_minutes"_s, u"chars_per_minute"_s, u"per_message_deduction"_s,
                u"deleted_penalty_bp"_s, u"min_messages"_s, u"min_chars"_s,
                u"excluded_channels"_s});
    ConversationRules &c = p.conversation;
    c.sessionGapMinutes =
        static_cast<int>(r.integer(o, u"session_gap_minutes"_s, path, 1, 1440, 10));
    c.charsPerMinute = static_cast<int>(r.integer(o, u"chars_per_minute"_s, path, 1, 100000, 200));
    c.perMessageDeduction =
        static_cast<int>(r.integer(o, u"per_message_deduction"_s, path, 0, 10000, 10));
    c.deletedPenaltyBp = static_cast<int>(
        r.integer(o, u"deleted_penalty_bp"_s, path, 0, maxBp, 11000, u"of basis points"_s));
    c.minMessages = static_cast<int>(r.integer(o, u"min_messages"_s, path, 1, 10000, 2));
    c.minChars = static_cast<int>(r.integer(o, u"min_chars"_s, path, 0, 1000000, 50));
    c.excludedChannels = r.strings(o, u"excluded_channels"_s, path);
}

} // namespace

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    appendCanonical(out, value);
    return out;
}

Result<Policy> Policy::parse(const QByteArray &json, const QString &source)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{u"policy %1 is not valid JSON: %2 at byte %3"_s.arg(
                         source, parseError.errorString(), QString::number(parseError.offset)),
                     u"Fix the syntax; docs/policies.md has complete examples."_s};
    if (!doc.isObject())
        return Error{u"policy %1: $: expected a JSON object"_s.arg(source),
                     u"A policy file is one object with \"format\": \"gavel-policy/1\"."_s};
    const QJsonObject root = doc.object();
    Reader r(source);
    Policy p;
    const QString format = r.string(root, u"format"_s, u"$"_s, true);
    if (!r.failed() && format != u"gavel-policy/1"_s)
        r.fail(u"$.format"_s, u"expected \"gavel-policy/1\", got \"%1\"; this version of Gavel "
                              u"reads gavel-policy/1 only"_s.arg(format));
    if (r.failed())
        return r.error();
    r.onlyKeys(root, u"$"_s,
               {u"format"_s, u"name"_s, u"version"_s, u"description"_s, u"scoring"_s, u"counting"_s,
                u"roles"_s, u"levels"_s, u"daimyo"_s, u"karma"_s, u"cred"_s, u"conversation"_s});
    p.name = r.string(root, u"name"_s, u"$"_s, true, {}, false);
    p.version = r.string(root, u"version"_s, u"$"_s, true, {}, false);
    p.description = r.string(root, u"description"_s, u"$"_s, false);
    const QString scoring = r.string(root, u"scoring"_s, u"$"_s, true);
    const QStringList sections{u"daimyo"_s, u"karma"_s, u"cred"_s, u"conversation"_s};
    if (!r.failed() && !sections.contains(scoring))
        r.fail(
            u"$.scoring"_s,
            u"expected one of \"daimyo\", \"karma\", \"cred\", \"conversation\", got \"%1\""_s.arg(
                scoring));
    if (r.failed())
        return r.error();
    p.scoring = static_cast<Scoring>(sections.indexOf(scoring));
    for (const QString &s : sections) {
        if (s != scoring && root.contains(s))
            r.fail(u"$."_s + s,
                   u"this policy scores by \"%1\"; remove the \"%2\" section"_s.arg(scoring, s));
    }

    const QJsonObject counting = r.object(root, u"counting"_s, u"$"_s, false);
    r.onlyKeys(counting, u"$.counting"_s,
               {u"one_per_message"_s, u"count_removed_reactions"_s, u"excluded_users"_s});
    p.onePerMessage = r.boolean(counting, u"one_per_message"_s, u"$.counting"_s, true);
    p.countRemovedReactions =
        r.boolean(counting, u"count_removed_reactions"_s, u"$.counting"_s, false);
    p.excludedUsers = r.snowflakes(counting, u"excluded_users"_s, u"$.counting"_s);

    readRoles(r, root, p);
    if (p.scoring == Scoring::Daimyo) {
        if (root.contains(u"levels"_s))
            r.fail(u"$.levels"_s, u"the Daimyo ladder has fixed levels (Kohai, Senpai, Sensei); "
                                  u"remove \"levels\""_s);
        readDaimyo(r, root, p);
    } else {
        readLevels(r, root, p);
    }
    if (p.scoring == Scoring::Karma)
        readKarma(r, root, p);
    else if (p.scoring == Scoring::Cred)
        readCred(r, root, p);
    else if (p.scoring == Scoring::Conversation)
        readConversation(r, root, p);
    if (r.failed())
        return r.error();

    p.canonicalJson = gavel::policy::canonicalJson(root);
    p.hash = u"sha256:"_s +
             QString::fromLatin1(
                 QCryptographicHash::hash(p.canonicalJson, QCryptographicHash::Sha256).toHex());
    return p;
}

Result<Policy> Policy::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{u"cannot read policy %1: %2"_s.arg(path, file.errorString()),
                     u"Check the path; shipped policies are in resources/policies/."_s};
    return parse(file.readAll(), path);
}

} // namespace gavel::policy
