package org.planetrewards.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A community tag (a setting). A post's tag word means this tag when it equals the id or the label,
 * ignoring case.
 *
 * @param needsSourceLink a post with this tag must carry an http(s) link to be high quality
 */
public record Tag(String id, String label, boolean needsSourceLink) {
    public Tag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }

    /** Whether a normalised tag word (see {@link TagWords}) names this tag. */
    public boolean isSpelledAs(String word) {
        return id.toLowerCase(Locale.ROOT).equals(word) || label.toLowerCase(Locale.ROOT).equals(word);
    }
}
