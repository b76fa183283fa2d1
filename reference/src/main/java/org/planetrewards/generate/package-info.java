/**
 * Realistic, deterministic fact histories for benchmarks and differential tests
 * ({@code rewards generate --members N --days D [--seed S]}).
 */
package org.planetrewards.generate;
