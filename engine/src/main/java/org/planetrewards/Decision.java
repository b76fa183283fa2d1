package org.planetrewards;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A reward decision: the member met the campaign's condition for the first time when the fact
 * stamped {@code decidedAt} was applied.
 *
 * @param decidedAt the stamp of the fact that caused it, in the community zone
 * @param days      the evidence: counted days that satisfy the condition, in date order
 */
public record Decision(String member, String campaign, String reward, OffsetDateTime decidedAt, List<LocalDate> days) {

    public Decision {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(reward, "reward");
        Objects.requireNonNull(decidedAt, "decidedAt");
        days = List.copyOf(days);
    }

    /**
     * A stable id for storing the decision idempotently: the same member and campaign give the same
     * id in every run, on every machine. A name-based UUID, so it fits a database key column.
     */
    public String id() {
        return idOf(member, campaign);
    }

    static String idOf(String member, String campaign) {
        // The separator cannot occur in either part's UTF-8 length prefix, so ("a","bc") != ("ab","c").
        String key = campaign.length() + ":" + campaign + "/" + member;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
