#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace gavel::emulator {

//! The failures the emulator can inject into /api/v10 answers (docs/emulator.md).
enum class FaultKind {
    Status500,
    Status502,
    Status503,
    Html,       //!< 502 with a Cloudflare-style HTML page
    Reset,      //!< connection reset, no answer, nothing applied
    Truncate,   //!< full Content-Length but half the body, then close
    Slow,       //!< the normal answer, late
    ResetAfter, //!< the request is applied, then the connection is reset without an answer
};

QByteArray faultKindName(FaultKind kind);
std::optional<FaultKind> parseFaultKind(QStringView name);

//! Fault injection settings: per request, a draw from (seed, sequence number) decides.
struct FaultConfig
{
    double rate = 0; //!< 0..1
    quint64 seed = 0;
    std::vector<FaultKind> kinds = defaultKinds();
    int slowMs = 2000;

    //! Every kind but reset-after, which applies changes and so is opt-in.
    static std::vector<FaultKind> defaultKinds();
    //! Parses "500,502,html,...": nullopt (and `error` set) on an unknown name or empty list.
    static std::optional<std::vector<FaultKind>> parseKinds(QStringView list, QString *error);
    QString kindsText() const;
};

//! The fault for request number `sequence`, if any: the same seed gives the same sequence.
std::optional<FaultKind> drawFault(const FaultConfig &config, quint64 sequence);

} // namespace gavel::emulator
