#pragma once

#include "common/Result.h"
#include "policy/Policy.h"

#include <QList>
#include <QString>

#include <memory>

namespace gavel::ui {

//! A policy the GUI offers by name: the shipped ones (built into the binary from
//! resources/policies) and files the user opened.
struct PolicyEntry
{
    QString title;  //!< "daimyo 1.0.0"
    QString source; //!< ":/policies/daimyo.json" or a file path
};

//! The shipped policies (resources/policies/*.json, built in), in a stable order.
QList<PolicyEntry> shippedPolicies();

//! Reads and parses a policy from a file path or a built-in ":/policies/…" source.
Result<std::shared_ptr<const policy::Policy>> loadPolicy(const QString &source);

//! The policy's name and version, as the selectors show it.
QString policyTitle(const policy::Policy &policy);

//! The text of a policy source (for the Policies page's editor); empty on error.
QByteArray policyBytes(const QString &source);

} // namespace gavel::ui
