#pragma once

#include "history/History.h"

#include <QtGlobal>

namespace gavel::bench {

//! What a synthetic guild looks like.
struct SyntheticShape
{
    int users = 50000;
    int messagesPerUser = 8;
    int partnersPerUser = 40;    //!< distinct authors each user reacts to
    int reactionsPerPartner = 2; //!< mean reactions to each partner (1..2×mean-1)
    int rings = 150;             //!< planted rings of ringSize mutual members
    int ringSize = 5;
    quint64 seed = 7;
};

//! A History built by hand with many pairs, for the GUI benchmark: users post messages, react to
//! a random set of partners (biased towards active authors), and a few planted rings react to
//! all of each other's messages. No store involved.
history::History syntheticHistory(const SyntheticShape &shape);

} // namespace gavel::bench
