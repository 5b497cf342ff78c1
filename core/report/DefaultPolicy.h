#pragma once

#include <QByteArray>
#include <QString>

namespace gavel::report {

//! resources/policies/daimyo.json as built into the binary: the policy packages and reports
//! use when none is given (the guild's own reputation ladder, the one the demo guild runs).
QByteArray defaultPolicyJson();
//! "resources/policies/daimyo.json (built in)"
QString defaultPolicySource();

} // namespace gavel::report
