package org.planetrewards.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A post of the member whose text is the same, once normalised, as that of a post of the day being
 * judged (that post itself included), on whatever day it was published. The engine puts these in only
 * when the settings refuse repeated texts ({@link QualitySettings#refuseRepeatedText}): the quality rules
 * see one day at a time, and a repeat is usually of another day's post.
 *
 * @param stamp   its current version's stamp: the text was written then
 * @param textKey {@link PostVersion#textKey}
 */
public record PostText(String postId, String member, LocalDate day, Instant stamp, long textKey) {
}
