#pragma once

// Internal to gavel_emulator: the /_emulator/ admin API (no auth, no rate limits).

#include "ApiSupport.h"

namespace gavel::emulator {

//! Changes the emulated guild and the server's settings the way tests and demos need to.
class AdminApi
{
public:
    explicit AdminApi(ServerState &state);

    //! `path` is relative to /_emulator/ (e.g. "channels/1/messages").
    HttpResponse handle(const HttpRequest &request, QByteArrayView path);

    QByteArray configJson() const;
    QByteArray statsJson() const;

private:
    HttpResponse patchConfig(const QByteArray &body);

    ServerState &m_state;
};

} // namespace gavel::emulator
