package org.planetrewards.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A counted day as the member step sees it, with what admins write campaigns about: when the member
 * checked in and the community tags of the day's high-quality posts. The engine makes one for every
 * {@link CountedDay} the rules derive, and only when some rule matches this type, so packs that do not
 * read it pay nothing for it. Campaign rules gather a member's with
 * {@code $details : List( ) from collect( CountedDayDetail( member == $member ) )} and hand them to
 * {@link DayRun#distinctTags} or {@link DayRun#firstDistinctTags}.
 *
 * @param checkInAt the day's earliest check-in, in the community zone; null when the engine does not know it
 *                  (a day restored from a snapshot of format version 1)
 * @param tags      the tag ids of the day's high-quality posts, each once, sorted
 */
public record CountedDayDetail(String member, LocalDate day, OffsetDateTime checkInAt, List<String> tags) {
    public CountedDayDetail {
        tags = List.copyOf(tags);
    }
}
