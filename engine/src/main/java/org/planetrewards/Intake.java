package org.planetrewards;

import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.TagWords;

import java.time.ZoneId;
import java.util.List;

/**
 * Reduces each fact to what the rules judge: its community-local day, a post's visible length,
 * normalised tag words and whether it links a source. Stateless; the zone is the only setting it reads.
 */
final class Intake {
    private final ZoneId zone;

    Intake(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    CheckInDay checkInDay(CheckIn c) {
        return new CheckInDay(c.member(), c.at().atZoneSameInstant(zone).toLocalDate());
    }

    ModerationState moderation(Moderation m) {
        return new ModerationState(m.post(), m.action(), m.at().toInstant());
    }

    PostVersion version(Post p) {
        List<String> words = p.tags().stream().map(TagWords::normalise).distinct().toList();
        boolean sourced = p.links().stream().anyMatch(l -> l.startsWith("http://") || l.startsWith("https://"));
        return new PostVersion(p.id(), p.member(), p.at().atZoneSameInstant(zone).toLocalDate(), p.stamp().toInstant(),
                visibleLength(p.text()), words, sourced);
    }

    /** Unicode code points that are not whitespace in the sense of {@link Character#isWhitespace(int)}. */
    static int visibleLength(String text) {
        return (int) text.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }
}
