package org.planetrewards;

/**
 * Where reward decisions go: the host's database, queue or file. Called by one thread at a time, in
 * decision order, usually on the thread that applied the fact (a decision left pending goes out on
 * whichever call delivers next). Throwing refuses the decision: it stays pending and comes again, with
 * the same id, so store decisions under a unique key on {@link Decision#id()} and ignore a duplicate.
 */
@FunctionalInterface
public interface DecisionHandler {
    void accept(Decision decision);
}
