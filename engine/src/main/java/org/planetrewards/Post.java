package org.planetrewards;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One version of a topic post. A later version of the same id (a later {@link #stamp()}) replaces
 * the earlier one whole; an older or equal stamp is a repeat and changes nothing.
 *
 * @param editedAt when this version was written, or {@code null} for the first version
 */
public record Post(String id, String member, OffsetDateTime at, String text,
                   List<String> tags, List<String> links, OffsetDateTime editedAt) implements Fact {
    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        tags = tags == null ? List.of() : List.copyOf(tags);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** A first version with no edit stamp. */
    public Post(String id, String member, OffsetDateTime at, String text, List<String> tags, List<String> links) {
        this(id, member, at, text, tags, links, null);
    }

    @Override
    public OffsetDateTime stamp() {
        return editedAt != null ? editedAt : at;
    }
}
