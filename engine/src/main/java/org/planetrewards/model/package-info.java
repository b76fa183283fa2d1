/**
 * The fact model that rules see. Everything a {@code .drl} file may match on lives here: the
 * engine's view of the input ({@link org.planetrewards.model.PostVersion},
 * {@link org.planetrewards.model.CheckInDay}, {@link org.planetrewards.model.ModerationState}),
 * the settings ({@link org.planetrewards.model.Tag}, {@link org.planetrewards.model.QualitySettings},
 * {@link org.planetrewards.model.Campaign}) and what the default pack derives from them.
 *
 * <p>Rules hand results back to the engine by logically inserting
 * {@link org.planetrewards.model.Qualification} facts; the engine turns the first qualification of
 * a member for a campaign into a reward decision.
 */
package org.planetrewards.model;
