package org.planetrewards.model;

/** A member the engine has seen a fact of; campaign rules gather each member's days from here. */
public record Member(String id) {
}
