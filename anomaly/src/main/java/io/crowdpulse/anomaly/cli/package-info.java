/** The CSV scoring entry point, {@link io.crowdpulse.anomaly.cli.ScoreCsv}. */
package io.crowdpulse.anomaly.cli;
