package org.planetrewards;

import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's facts and decided campaigns as plain records ({@link Shard.ShardState}), and back: what a
 * {@link Snapshot} holds of a shard. Loading puts facts back only; the shard evaluates them again.
 */
final class ShardSnapshot {
    private ShardSnapshot() {
    }

    /** The shard's state; check-in times in {@code zone}. */
    static Shard.ShardState take(ShardFacts facts, DecidedCampaigns decided, ZoneId zone) {
        List<CheckInDay> checkIns = new ArrayList<>();
        List<PostVersion> allPosts = new ArrayList<>();
        List<ModerationState> allModerations = new ArrayList<>();
        for (MemberState m : facts.members.values()) {
            for (Day d : m.days()) {
                if (d.checkedIn) {
                    Instant at = d.checkInAt();
                    checkIns.add(new CheckInDay(m.id, d.date, at == null ? null : at.atZone(zone).toOffsetDateTime()));
                }
                for (PostVersion p : d.posts()) {
                    allPosts.add(p);
                    ModerationState mod = facts.moderations.get(p.id());
                    if (mod != null) {
                        allModerations.add(mod);
                    }
                }
            }
        }
        return new Shard.ShardState(List.copyOf(facts.members.keySet()), checkIns, allPosts, allModerations, decided.sorted(),
                decided.decided.revocable());
    }

    /** Loads a saved state into a (new, empty) shard's facts and decided campaigns. */
    static void load(Shard.ShardState state, ShardFacts facts, DecidedCampaigns decided, Settings settings) {
        state.members().forEach(member -> restored(facts, member));
        for (CheckInDay c : state.checkIns()) {
            restored(facts, c.member()).day(c.day()).checkIn(c.at() == null ? null : c.at().toInstant());
        }
        state.moderations().forEach(m -> facts.moderations.put(m.postId(), m));
        for (PostVersion p : state.posts()) {
            Day d = restored(facts, p.member()).day(p.day());
            d.addPost(p);
            d.moderated |= facts.moderations.containsKey(p.id());
        }
        decided.decided.addAll(state.decided());
        decided.decided.restoreRevocable(state.revocable(), settings);
    }

    /** The member's state for a restore: the engine's one, registered here. */
    private static MemberState restored(ShardFacts facts, String member) {
        MemberState m = facts.state(member);
        facts.register(m, m.registered);
        return m;
    }
}
