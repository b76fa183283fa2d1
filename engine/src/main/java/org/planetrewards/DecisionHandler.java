package org.planetrewards;

/**
 * Where reward decisions go: the host's database, queue or file. Called on the thread that applied
 * the fact, once per decision, in decision order.
 */
@FunctionalInterface
public interface DecisionHandler {
    void accept(Decision decision);
}
