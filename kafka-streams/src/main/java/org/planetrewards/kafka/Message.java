package org.planetrewards.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * What the two stages say to each other on the internal topics, as JSON. A fact travels as the very
 * history line it came in as, so its meaning is the reader's ({@code HistoryReader.parseLine}), never
 * a second serialisation of ours; {@code origin} ("topic-partition@offset") follows it so that a
 * refusal much later still names the input record.
 *
 * <ul>
 *   <li>{@code claim} (to the post stage, keyed by post id): member {@code member} wants to apply a version of post {@code post};</li>
 *   <li>{@code moderation} (to the post stage keyed by post id, then to the member stage keyed by member);</li>
 *   <li>{@code owned} (to the member stage): the claim holds; {@code waiting} are the moderations that came before the post;</li>
 *   <li>{@code refused} (to the member stage): the post id is {@code owner}'s, not this member's.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Message(String kind, String member, String post, String owner, String fact, String origin, List<Held> waiting) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A fact line with where it came from. */
    record Held(String fact, String origin) {
    }

    static Message claim(String member, String post, Held fact) {
        return new Message("claim", member, post, null, fact.fact(), fact.origin(), null);
    }

    static Message moderation(String post, Held fact) {
        return new Message("moderation", null, post, null, fact.fact(), fact.origin(), null);
    }

    static Message owned(String post, List<Held> waiting) {
        return new Message("owned", null, post, null, null, null, waiting);
    }

    static Message refused(String post, String owner) {
        return new Message("refused", null, post, owner, null, null, null);
    }

    Held held() {
        return new Held(fact, origin);
    }

    String toJson() {
        return write(this);
    }

    static Message parse(String json) {
        return read(json, Message.class);
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Only this topology writes the internal topics and stores: a damaged value is a bug or a
            // foreign writer, and guessing would break exactly-once; stop the task with the value.
            throw new IllegalStateException("not a " + type.getSimpleName() + " of this topology: " + json, e);
        }
    }
}
