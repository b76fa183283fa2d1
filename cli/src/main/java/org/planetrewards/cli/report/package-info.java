/** The visual report: one self-contained HTML file drawn from the engine's explanations. */
package org.planetrewards.cli.report;
