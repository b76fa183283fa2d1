package org.planetrewards;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A reward decision: the member met the campaign's condition for the first time when the fact
 * stamped {@code decidedAt} was applied; or, with {@link #revocation()} set, the withdrawal of such a
 * decision (same id) because a later fact removed its evidence within the campaign's {@code revocableFor}.
 *
 * @param decidedAt  the stamp of the fact that caused it, in the community zone
 * @param days       the evidence: counted days that satisfy the condition, in date order
 * @param key        what was won of a campaign that can be won more than once: its season and level
 *                   ("2026-03", "silver", "2026-03/silver", "streak-2"); empty for a campaign won once
 * @param graced     the missed days the evidence's run was forgiven (grace days), in date order
 * @param revocation why the decision was revoked, or {@code null} for a decision
 */
public record Decision(String member, String campaign, String reward, OffsetDateTime decidedAt, List<LocalDate> days,
                       String key, List<LocalDate> graced, Revocation revocation) {

    public Decision {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(reward, "reward");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(key, "key");
        days = List.copyOf(days);
        graced = List.copyOf(graced);
    }

    /** A decision for a campaign won once, with no graced day. */
    public Decision(String member, String campaign, String reward, OffsetDateTime decidedAt, List<LocalDate> days) {
        this(member, campaign, reward, decidedAt, days, "", List.of(), null);
    }

    /**
     * Why a decision was withdrawn.
     *
     * @param reason what no longer holds, in words
     * @param cause  the fact that removed the evidence, in words ("moderation reject of post p1")
     */
    public record Revocation(String reason, String cause) {
        public Revocation {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Whether this withdraws the decision with the same id. */
    public boolean isRevocation() {
        return revocation != null;
    }

    /** This decision withdrawn at {@code at}, for {@code reason}, because of {@code cause}. */
    Decision revoked(OffsetDateTime at, String reason, String cause) {
        return new Decision(member, campaign, reward, at, days, key, graced, new Revocation(reason, cause));
    }

    /**
     * A stable id for storing the decision idempotently: the same member, campaign and key give the same
     * id in every run, on every machine (a revocation has its decision's id). A name-based UUID, so it fits
     * a database key column. A campaign won once (empty key) has the id it always had.
     */
    public String id() {
        return idOf(member, campaign, key);
    }

    static String idOf(String member, String campaign) {
        // The separator cannot occur in either part's UTF-8 length prefix, so ("a","bc") != ("ab","c").
        String key = campaign.length() + ":" + campaign + "/" + member;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String idOf(String member, String campaign, String key) {
        if (key.isEmpty()) {
            return idOf(member, campaign);
        }
        // A key cannot hold the "#" that starts it after the length-prefixed campaign, so no keyed id equals an unkeyed one.
        String name = campaign.length() + ":" + campaign + "#" + key.length() + ":" + key + "/" + member;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
