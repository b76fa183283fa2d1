package org.planetrewards;

/**
 * The host's {@link DecisionHandler} threw. The decision is not lost: it stays pending, with the same
 * id, and is offered again (first) on the next call that delivers.
 */
public final class DecisionDeliveryException extends RuntimeException {
    private final transient Decision decision;

    DecisionDeliveryException(Decision decision, int pending, Throwable cause) {
        super("the decision handler refused " + decision.campaign() + " for member " + decision.member()
                + " (id " + decision.id() + "); " + pending + " decision(s) stay pending and will be offered again", cause);
        this.decision = decision;
    }

    /** The decision the handler refused. */
    public Decision decision() {
        return decision;
    }
}
