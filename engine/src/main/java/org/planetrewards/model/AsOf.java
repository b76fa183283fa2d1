package org.planetrewards.model;

import java.time.LocalDate;

/**
 * The day progress is measured on, for one member: inserted by the engine only when a host asks for
 * progress or an explanation, never while facts are applied, so progress rules cost nothing on the
 * way to a decision. The engine uses the member's latest day with a check-in or a post (community-local,
 * event time: never the wall clock). Progress rules read it as {@code AsOf( $member : member, $asOf : day )}.
 */
public record AsOf(String member, LocalDate day) {
}
