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

    /** The id as a normalised tag word (lower case), for rules to compare with a post's tag words. */
    public String idWord() {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The label as a normalised tag word (lower case). */
    public String labelWord() {
        return label.toLowerCase(Locale.ROOT);
    }

    /** Whether a normalised tag word (see {@link TagWords}) names this tag. */
    public boolean isSpelledAs(String word) {
        return id.toLowerCase(Locale.ROOT).equals(word) || label.toLowerCase(Locale.ROOT).equals(word);
    }
}
