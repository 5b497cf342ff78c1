#pragma once

#include <QByteArray>

namespace gavel::emulator {

//! `data` as a gzip file (RFC 1952), for .json.gz snapshots written by tests and tools.
QByteArray gzipCompress(const QByteArray &data, int level = 6);

} // namespace gavel::emulator
