/**
 * The reference model: SPEC §2–§4 in plain Java, without Drools. Tests compare the engine against it
 * decision for decision; benchmarks use it as the speed-of-light baseline. Uses only the engine's
 * public records (facts, settings, decisions).
 */
package org.planetrewards.examples.reference;
