package org.planetrewards.spring;

import org.planetrewards.Decision;
import org.planetrewards.DecisionHandler;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hands each decision to every {@link DecisionHandler} bean, in their {@code @Order}. Looked up at each
 * decision, not when the engine is built, so a handler may itself depend on the engine. When one
 * throws, the decision stays pending in the engine and is offered again to all of them, those that
 * took it already included: handlers store under {@link Decision#id()} and ignore a repeat.
 */
final class DecisionHandlers implements DecisionHandler {
    private final ObjectProvider<DecisionHandler> handlers;

    DecisionHandlers(ObjectProvider<DecisionHandler> handlers) {
        this.handlers = handlers;
    }

    @Override
    public void accept(Decision decision) {
        handlers.orderedStream().forEach(h -> h.accept(decision));
    }
}
