/**
 * The reference model: docs/history-format.md, docs/default-rules.md and docs/decisions.md in plain Java, without Drools. Tests compare the engine against it
 * decision for decision; benchmarks use it as the speed-of-light baseline. Uses only the engine's
 * public records (facts, settings, decisions).
 */
package org.planetrewards.reference;
