#pragma once

#include "GuildModel.h"

#include <vector>

namespace gavel::demoguild {

/*!
 * Replays the Daimyo ladder (product.md R2, seed 003) over the generated history, the way
 * the guild's previous bot applied it: a daily check promotes Kohai -> Senpai at >= 50
 * :dojo: reactions from Senpai/Sensei reactors (>= ceil(10% of Senpai+Sensei) distinct),
 * Senpai -> Sensei at >= 30 from Sensei (>= ceil(20% of Sensei) distinct), with the
 * reactor's role taken at the time of the reaction. The previous bot never applied decay,
 * so Senseis who went quiet still hold the role: they are the decay cases.
 *
 * Sets Person::level as of model.rolesAsOfMs, appends the promotions to model.roleEvents
 * and lists non-exempt Senseis with < 30 Sensei reactions in the last 360 days in
 * model.decayCandidates.
 */
class DaimyoLadder
{
public:
    static void run(GuildModel &model);

    //! ceil(count * basisPoints / 10000), at least 1: percentages as integer basis points.
    static int requiredDistinct(int count, int basisPoints);
};

} // namespace gavel::demoguild
