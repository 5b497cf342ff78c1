#include "Faults.h"

#include <QStringList>

#include <algorithm>

namespace gavel::emulator {

namespace {

quint64 splitmix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

constexpr FaultKind allKinds[] = {FaultKind::Status500, FaultKind::Status502, FaultKind::Status503,
                                  FaultKind::Html,      FaultKind::Reset,     FaultKind::Truncate,
                                  FaultKind::Slow,      FaultKind::ResetAfter};

} // namespace

QByteArray faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Status500:
        return "500";
    case FaultKind::Status502:
        return "502";
    case FaultKind::Status503:
        return "503";
    case FaultKind::Html:
        return "html";
    case FaultKind::Reset:
        return "reset";
    case FaultKind::Truncate:
        return "truncate";
    case FaultKind::Slow:
        return "slow";
    case FaultKind::ResetAfter:
        return "reset-after";
    }
    return {};
}

std::optional<FaultKind> parseFaultKind(QStringView name)
{
    for (FaultKind kind : allKinds) {
        if (name == QLatin1StringView(faultKindName(kind)))
            return kind;
    }
    return std::nullopt;
}

std::vector<FaultKind> FaultConfig::defaultKinds()
{
    return {FaultKind::Status500, FaultKind::Status502, FaultKind::Status503, FaultKind::Html,
            FaultKind::Reset,     FaultKind::Truncate,  FaultKind::Slow};
}

std::optional<std::vector<FaultKind>> FaultConfig::parseKinds(QStringView list, QString *error)
{
    std::vector<FaultKind> kinds;
    for (QStringView part : list.split(u',', Qt::SkipEmptyParts)) {
        const auto kind = parseFaultKind(part.trimmed());
        if (!kind) {
            if (error) {
                *error = QStringLiteral("unknown fault kind '%1' (known: 500, 502, 503, html, "
                                        "reset, truncate, slow, reset-after)")
                             .arg(part.trimmed());
            }
            return std::nullopt;
        }
        if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end())
            kinds.push_back(*kind);
    }
    if (kinds.empty()) {
        if (error)
            *error = QStringLiteral("the list of fault kinds is empty");
        return std::nullopt;
    }
    return kinds;
}

QString FaultConfig::kindsText() const
{
    QStringList names;
    for (FaultKind kind : kinds)
        names << QString::fromLatin1(faultKindName(kind));
    return names.join(u',');
}

std::optional<FaultKind> drawFault(const FaultConfig &config, quint64 sequence)
{
    if (!(config.rate > 0) || config.kinds.empty())
        return std::nullopt;
    const quint64 h1 = splitmix64(config.seed ^ splitmix64(sequence));
    const double u = static_cast<double>(h1 >> 11) * 0x1.0p-53;
    if (u >= config.rate)
        return std::nullopt;
    const quint64 h2 = splitmix64(h1);
    return config.kinds[static_cast<size_t>(h2 % config.kinds.size())];
}

} // namespace gavel::emulator
