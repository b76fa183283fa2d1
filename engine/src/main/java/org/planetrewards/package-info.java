/**
 * The host's API: {@link org.planetrewards.RewardsEngine} and its builder, the input facts
 * ({@link org.planetrewards.CheckIn}, {@link org.planetrewards.Post}, {@link org.planetrewards.Moderation}),
 * {@link org.planetrewards.Settings}, {@link org.planetrewards.Decision} and the
 * {@link org.planetrewards.DecisionHandler} that receives decisions, plus
 * {@link org.planetrewards.HistoryReader} for JSON Lines histories. Classes that are not public here
 * are the engine's internals.
 */
package org.planetrewards;
